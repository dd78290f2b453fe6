package dev.asynccassandra.spring.autoconfigure;

import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.validation.Errors;

/**
 * Maps {@code async-cassandra.*} properties onto the options of a builder of the core or
 * the embedded module with Spring Boot's {@link PropertyMapper} (a property that is not
 * set leaves the builder's default), naming each property so that a value the builder
 * refuses is reported against it. The builders own the rules; the starter repeats none.
 * When the properties are bound, {@link #checking(Errors)} turns a refusal into an error
 * of the property in Spring Boot's binding report; when they are used, {@link #failing()}
 * turns it into an {@link InvalidConfigurationPropertyValueException} naming the
 * property, which Spring Boot's failure analysis reports with its origin.
 *
 * @since 0.1.0
 */
public final class OptionMapper {

	private final PropertyMapper map = PropertyMapper.get();

	private final @Nullable Errors errors;

	private OptionMapper(@Nullable Errors errors) {
		this.errors = errors;
	}

	/**
	 * Returns a mapper that sets every option and fails on the first refused value.
	 * @return the mapper
	 */
	public static OptionMapper failing() {
		return new OptionMapper(null);
	}

	/**
	 * Returns a mapper that sets every option on a throwaway builder and records each
	 * refusal as an error of its property.
	 * @param errors where the errors go
	 * @return the mapper
	 */
	public static OptionMapper checking(Errors errors) {
		return new OptionMapper(errors);
	}

	/**
	 * Sets a builder option from a property, unless the property is not set.
	 * @param <T> the type of the value
	 * @param property the property's name under {@value AsyncCassandraProperties#PREFIX}
	 * @param value reads the bound value
	 * @param option sets the builder option; throws {@link IllegalArgumentException} for
	 * a value it refuses
	 * @throws InvalidConfigurationPropertyValueException if the option refuses the value
	 * (a {@link #failing()} mapper)
	 */
	public <T> void map(String property, Supplier<@Nullable T> value, Consumer<T> option) {
		this.map.from(value).to((bound) -> set(property, bound, option));
	}

	private <T> void set(String property, T value, Consumer<T> option) {
		try {
			option.accept(value);
		}
		catch (IllegalArgumentException ex) {
			String reason = String.valueOf(ex.getMessage());
			if (this.errors == null) {
				throw new InvalidConfigurationPropertyValueException(AsyncCassandraProperties.PREFIX + "." + property,
						value, reason);
			}
			PropertyRules.reject(this.errors, property, value, reason);
		}
	}

}
