package dev.flamegate.flame.bench;

import dev.flamegate.profile.CollapsedFormat;
import dev.flamegate.profile.Profile;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@link SyntheticProfiles#pair} as two collapsed files, {@code before.collapsed} and {@code after.collapsed},
 * the input of {@code scripts/diff-speed.sh}: {@code java -cp … WriteSyntheticProfiles DIR [STACKS] [SEED]}.
 */
public final class WriteSyntheticProfiles {

    private WriteSyntheticProfiles() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int stacks = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
        SyntheticProfiles.Pair pair = SyntheticProfiles.pair(stacks, seed);
        Files.createDirectories(dir);
        write(pair.before(), dir.resolve("before.collapsed"));
        write(pair.after(), dir.resolve("after.collapsed"));
    }

    private static void write(Profile profile, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            CollapsedFormat.write(profile, out);
        }
        System.out.printf("%s: %,d stacks, %,d bytes%n", file, profile.stacks().size(), Files.size(file));
    }
}
