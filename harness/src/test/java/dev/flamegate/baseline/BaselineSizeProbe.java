package dev.flamegate.baseline;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flamegate.capture.ProfileCapture;
import dev.flamegate.capture.ProfilerSession;
import dev.flamegate.capture.ProfilerSettings;
import dev.flamegate.measure.Environment;
import dev.flamegate.measure.Measurement;
import dev.flamegate.measure.Round;
import dev.flamegate.profile.Event;
import dev.flamegate.profile.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Measures how large a baseline of a real profile is: profiles a mixed workload (Jackson, regex,
 * sorting) for 5 rounds of ~0.5 s with async-profiler (cpu + alloc), saves the baseline and prints the
 * file sizes. The README's "typical size" comes from here:
 * {@code mvn -q -o -pl harness test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.flamegate.baseline.BaselineSizeProbe}
 */
public final class BaselineSizeProbe {

    private BaselineSizeProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/baseline-size-probe");
        List<Round> rounds = new ArrayList<>();
        String engine = "none";
        try (ProfilerSession session = ProfilerSession.open(ProfilerSettings.of(Set.of(Event.CPU, Event.ALLOC)))) {
            engine = session.engine().toString();
            workload(200); // warm-up
            for (int r = 0; r < 5; r++) {
                session.start();
                long invocations = workload(500);
                ProfileCapture capture = session.stop();
                Map<Event, Profile> profiles = capture.profiles();
                rounds.add(new Round(r, invocations, Map.of(), profiles, List.of()));
            }
        }
        Measurement m = new Measurement("probe", "probe", Environment.current(engine), rounds);
        BaselineStore store = BaselineStore.at(dir);
        store.save(Baseline.from(m, BaselineOptions.defaults()));
        try (Stream<Path> files = Files.list(store.directoryOf("probe"))) {
            for (Path f : files.sorted().toList()) {
                System.out.printf("%-20s %,8d bytes%n", f.getFileName(), Files.size(f));
            }
        }
        for (Round round : rounds) {
            round.profiles().forEach((e, p) -> System.out.printf("round %d %s: %d distinct stacks, total %d %s%n",
                    round.index(), e, p.stacks().size(), p.total(), p.unit()));
        }
    }

    private static long workload(long millis) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Pattern words = Pattern.compile("\\b(\\w+)@(\\w+)\\.com\\b");
        long end = System.nanoTime() + millis * 1_000_000;
        long n = 0;
        while (System.nanoTime() < end) {
            Map<String, Object> order = new TreeMap<>();
            for (int i = 0; i < 50; i++) {
                order.put("item" + i, List.of(i, "sku-" + i * 31, i * 1.5));
            }
            String text = json.writeValueAsString(order);
            json.readValue(text, Map.class);
            words.matcher(text + " someone@example.com other@test.com").results().count();
            List<String> keys = new ArrayList<>(order.keySet());
            keys.sort(String.CASE_INSENSITIVE_ORDER.reversed());
            n++;
        }
        return n;
    }
}
