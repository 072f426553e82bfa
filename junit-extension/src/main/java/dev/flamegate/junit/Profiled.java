package dev.flamegate.junit;

import dev.flamegate.profile.Event;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * Profiles a test template's invocations: {@link ProfiledTest @ProfiledTest} without the {@code @Test}, for
 * use next to {@code @ParameterizedTest}, {@code @RepeatedTest} or another template annotation. Each
 * invocation has its own baseline id, {@code Class#method[index: arguments]}.
 *
 * <pre>{@code
 * @ParameterizedTest
 * @ValueSource(ints = {10, 1000})
 * @Profiled(rounds = 5)
 * void quotes(int size) { pricing.quote(orderOf(size)); }
 * }</pre>
 *
 * <p>The options mean the same as on {@link ProfiledTest}; see there for how the body is run.
 */
@Target({ElementType.ANNOTATION_TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(FlamegateExtension.class)
@ResourceLock(value = Resources.GLOBAL, mode = ResourceAccessMode.READ_WRITE)
public @interface Profiled {

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
