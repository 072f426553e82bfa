package dev.flamegate.profile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrameNormalizerTest {

    private final FrameNormalizer normalizer = FrameNormalizer.defaults();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            com.acme.Foo$$Lambda$123/0x0000000800c0b440.apply         | com.acme.Foo$$Lambda.apply
            com.acme.Foo$$Lambda.0x0000000800c0b440.apply             | com.acme.Foo$$Lambda.apply
            com.acme.Foo$$Lambda/0x000001000a0b1234.run               | com.acme.Foo$$Lambda.run
            com.acme.Foo$$Lambda+0x00007f8177090218/543846639.run     | com.acme.Foo$$Lambda.run
            com.acme.Foo$$Lambda$7.accept                             | com.acme.Foo$$Lambda.accept
            com/acme/Foo$$Lambda$123/0x0000000800c0b440.apply         | com.acme.Foo$$Lambda.apply
            java.lang.invoke.LambdaForm$MH/0x000000080100c400.invoke  | java.lang.invoke.LambdaForm$MH.invoke
            java.lang.invoke.LambdaForm$DMH.0x000000080100d000.invokeStatic | java.lang.invoke.LambdaForm$DMH.invokeStatic
            jdk.proxy2.$Proxy12.price                                 | jdk.proxy.$Proxy.price
            com.sun.proxy.$Proxy7.price                               | com.sun.proxy.$Proxy.price
            jdk.internal.reflect.GeneratedMethodAccessor42.invoke     | jdk.internal.reflect.GeneratedMethodAccessor.invoke
            jdk.internal.reflect.GeneratedConstructorAccessor7.newInstance | jdk.internal.reflect.GeneratedConstructorAccessor.newInstance
            sun.reflect.GeneratedSerializationConstructorAccessor3.newInstance | sun.reflect.GeneratedSerializationConstructorAccessor.newInstance
            java.lang.invoke.DirectMethodHandle$Holder.invokeStatic   | java.lang.invoke.DirectMethodHandle$Holder.invokeStatic
            com.acme.PriceService$$EnhancerBySpringCGLIB$$1a2b3c4d.quote | com.acme.PriceService$$EnhancerBySpringCGLIB.quote
            com.acme.Order$HibernateProxy$Xy12Ab.getId                | com.acme.Order$HibernateProxy.getId
            [unknown_Java] 0x00007f12abcd0000                         | [unknown_Java] 0x*
            java/lang/String.equals                                   | java.lang.String.equals
            java/util/HashMap.get_[j]                                 | java.util.HashMap.get
            com/acme/Foo.<init>_[i]                                   | com.acme.Foo.<init>
            com.acme.Foo.bar_[0]                                      | com.acme.Foo.bar
            com.acme.Foo.bar_[1]                                      | com.acme.Foo.bar
            do_syscall_64_[k]                                         | do_syscall_64
            JavaThread::thread_main_inner                             | JavaThread::thread_main_inner
            /usr/lib/jvm/lib/server/libjvm.so                         | /usr/lib/jvm/lib/server/libjvm.so
            __memmove_avx_unaligned_erms                              | __memmove_avx_unaligned_erms
            byte[]                                                    | byte[]
            com.acme.Foo.bar_[x]                                      | com.acme.Foo.bar_[x]
            [pool-1-thread-3 tid=4711]                                | [pool-N-thread-N]
            [main tid=1]                                              | [main]
            [tid=4711]                                                | [thread]
            [unknown]                                                 | [unknown]
            """)
    void normalisesFrame(String recorded, String expected) {
        assertThat(normalizer.normalize(recorded)).isEqualTo(expected);
    }

    @Test
    void eachRuleCanBeSwitchedOff() {
        assertThat(normalizer.withJitSuffixes(false).normalize("java/util/HashMap.get_[j]")).isEqualTo("java.util.HashMap.get_[j]");
        assertThat(normalizer.withDottedClassNames(false).normalize("java/util/HashMap.get_[j]")).isEqualTo("java/util/HashMap.get");
        assertThat(normalizer.withHiddenClasses(false).normalize("a.Foo$$Lambda$1/0x0000000800c0b440.run"))
                .isEqualTo("a.Foo$$Lambda$1/0x*.run");
        assertThat(normalizer.withGeneratedClasses(false).normalize("jdk.proxy2.$Proxy12.price")).isEqualTo("jdk.proxy2.$Proxy12.price");
        assertThat(normalizer.withHexAddresses(false).normalize("[unknown] 0x00007f12abcd0000")).isEqualTo("[unknown] 0x00007f12abcd0000");
        assertThat(normalizer.withThreadIds(false).normalize("[main tid=1]")).isEqualTo("[main tid=1]");
        assertThat(FrameNormalizer.none().normalize("java/util/HashMap.get_[j]")).isEqualTo("java/util/HashMap.get_[j]");
    }

    @Test
    void normalisingAProfileMergesStacksThatBecomeEqualAndKeepsInlinedFramesAsFrames() {
        Profile recorded = CollapsedFormat.parse("""
                java/lang/Thread.run;com/acme/Foo$$Lambda$12/0x0000000800c0b440.run_[j];com/acme/Foo.work_[i] 3
                java/lang/Thread.run;com/acme/Foo$$Lambda$13/0x0000000800c0c000.run_[0];com/acme/Foo.work_[j] 4
                java/lang/Thread.run;com/acme/Bar.idle_[j] 5
                """, "test", Event.CPU);

        Profile normalised = normalizer.normalize(recorded);

        assertThat(CollapsedFormat.toText(normalised).lines().skip(1)).containsExactly(
                "java.lang.Thread.run;com.acme.Bar.idle 5",
                "java.lang.Thread.run;com.acme.Foo$$Lambda.run;com.acme.Foo.work 7");
        assertThat(normalised.total()).isEqualTo(recorded.total());
        assertThat(normalised.event()).isEqualTo(Event.CPU);
    }

    @Test
    void noneReturnsTheProfileUnchanged() {
        Profile recorded = CollapsedFormat.parse("a/b.c_[j] 1\n", "test", Event.CPU);

        assertThat(FrameNormalizer.none().normalize(recorded)).isSameAs(recorded);
    }
}
