package com.example.orders;

import java.util.concurrent.CompletableFuture;

import dev.asynccassandra.api.AsyncSession;

import org.springframework.stereotype.Service;

@Service
public class ClusterInfo {

	private final AsyncSession session;

	public ClusterInfo(AsyncSession session) {
		this.session = session;
	}

	public CompletableFuture<String> releaseVersion() {
		return this.session.execute("SELECT release_version FROM system.local").thenApply((result) -> {
			var row = result.one();
			return (row != null) ? row.getString("release_version") : "unknown";
		});
	}

}
