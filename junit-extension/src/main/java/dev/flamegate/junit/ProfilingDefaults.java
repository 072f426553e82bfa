package dev.flamegate.junit;

import dev.flamegate.profile.Event;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Defaults for the {@link ProfiledTest @ProfiledTest} and {@link Profiled @Profiled} methods of a class, its
 * subclasses and its {@code @Nested} classes (the nearest annotated class wins, option by option). It does
 * not profile anything by itself.
 *
 * <pre>{@code
 * @ProfilingDefaults(rounds = 5, maxRegression = "15%")
 * class PricingTest { ... }
 * }</pre>
 */
@Target({ElementType.ANNOTATION_TYPE, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface ProfilingDefaults {

    /** See {@link ProfiledTest#events()}. */
    Event[] events() default {};

    /** See {@link ProfiledTest#warmup()}. */
    int warmup() default -1;

    /** See {@link ProfiledTest#rounds()}. */
    int rounds() default -1;

    /** See {@link ProfiledTest#invocationsPerRound()}. */
    int invocationsPerRound() default -1;

    /** See {@link ProfiledTest#maxRegression()}. */
    String maxRegression() default "";

    /** See {@link ProfiledTest#traces()}. */
    boolean traces() default true;

    /** See {@link ProfiledTest#mode()}. */
    Mode mode() default Mode.INHERIT;
}
