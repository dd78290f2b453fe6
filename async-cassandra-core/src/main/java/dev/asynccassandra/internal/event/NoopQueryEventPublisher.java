package dev.asynccassandra.internal.event;

import dev.asynccassandra.api.event.QueryEvent;

enum NoopQueryEventPublisher implements QueryEventPublisher {

	INSTANCE;

	@Override
	public void publish(QueryEvent event) {
	}

	@Override
	public boolean isEnabled() {
		return false;
	}

}
