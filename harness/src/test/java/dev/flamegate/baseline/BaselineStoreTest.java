package dev.flamegate.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flamegate.InvalidInputException;
import dev.flamegate.compare.SyntheticRuns;
import dev.flamegate.measure.Measurement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineStoreTest {

    private static final String ID = "com.acme.PricingTest#quotes";
    private static final String REMEDY = "Re-record the baseline with -Dflamegate.mode=record and commit it";

    @TempDir
    Path dir;

    private static Baseline sample(long seed) {
        Measurement m = new SyntheticRuns(seed).withProfiles(3000).run(1.2, "main;a;hot");
        return Baseline.from(m, BaselineOptions.defaults());
    }

    @Test
    void savedBaselineLoadsEqual() {
        BaselineStore store = BaselineStore.at(dir);
        Baseline baseline = sample(1);
        store.save(baseline);

        assertThat(store.load(ID)).contains(baseline);
        assertThat(store.directoryOf(ID)).isEqualTo(dir.resolve(BaselineIds.fileName(ID)));
        assertThat(store.directoryOf(ID).resolve("cpu.collapsed")).content()
                .startsWith("# flamegate event=cpu unit=samples").contains("main;a;b;c ");
        assertThat(store.directoryOf(ID).resolve("baseline.json")).content()
                .contains("\"schemaVersion\" : 1").contains("\"jdkVersion\" : \"17.0.9+9\"").contains("\"frames\" : \"b;c\"");
    }

    @Test
    void theMachinesCalibrationTimeIsSavedAndAnOlderFileWithoutItLoadsAsUnknown() throws IOException {
        BaselineStore store = BaselineStore.at(dir);
        Baseline plain = sample(3);
        Baseline calibrated = Baseline.of(plain.id(), plain.displayName(), plain.environment().withCalibrationNanos(412_345),
                plain.invocations(), plain.metrics(), plain.profiles(), plain.traceShape());
        store.save(calibrated);
        Path json = store.directoryOf(ID).resolve("baseline.json");
        assertThat(json).content().contains("\"calibrationNanos\" : 412345");
        assertThat(store.load(ID).orElseThrow().environment().calibrationNanos()).isEqualTo(412_345);

        Files.writeString(json, Files.readString(json).replaceAll(",\\s*\"calibrationNanos\" : 412345", ""));
        assertThat(store.load(ID).orElseThrow().environment().calibrationNanos()).isNaN();
    }

    @Test
    void savingTwiceGivesTheSameBytes() throws IOException {
        BaselineStore store = BaselineStore.at(dir);
        Baseline baseline = sample(2);
        store.save(baseline);
        byte[] first = Files.readAllBytes(store.directoryOf(ID).resolve("baseline.json"));
        store.save(store.load(ID).orElseThrow());

        assertThat(Files.readAllBytes(store.directoryOf(ID).resolve("baseline.json"))).isEqualTo(first);
        try (Stream<Path> entries = Files.list(dir)) {
            assertThat(entries).as("no temporary or backup directories left").hasSize(1);
        }
    }

    @Test
    void missingBaselineIsEmpty() {
        assertThat(BaselineStore.at(dir.resolve("nothing-here")).load(ID)).isEmpty();
    }

    @Test
    void emptyJsonIsRefusedWithFileAndRemedy() throws IOException {
        Path json = saveThenReplaceJson("");

        assertThatThrownBy(() -> BaselineStore.at(dir).load(ID)).isInstanceOf(InvalidInputException.class)
                .hasMessage(json + ": the file is empty. " + REMEDY);
    }

    @Test
    void truncatedJsonIsRefusedWithFileLineAndRemedy() throws IOException {
        BaselineStore store = BaselineStore.at(dir);
        store.save(sample(3));
        Path json = store.directoryOf(ID).resolve("baseline.json");
        String text = Files.readString(json);
        Files.writeString(json, text.substring(0, text.length() / 2));

        assertThatThrownBy(() -> store.load(ID)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(json + ":")
                .hasMessageContaining("not valid JSON, truncated or corrupt")
                .hasMessageEndingWith(REMEDY);
    }

    @Test
    void binaryGarbageIsRefused() throws IOException {
        Path json = saveThenReplaceJson("\u0000\u0001\u00ff garbage");

        assertThatThrownBy(() -> BaselineStore.at(dir).load(ID)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(json.toString()).hasMessageEndingWith(REMEDY);
    }

    @Test
    void futureSchemaVersionIsRefused() throws IOException {
        BaselineStore store = BaselineStore.at(dir);
        store.save(sample(4));
        Path json = store.directoryOf(ID).resolve("baseline.json");
        Files.writeString(json, Files.readString(json).replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 7"));

        assertThatThrownBy(() -> store.load(ID)).isInstanceOf(InvalidInputException.class)
                .hasMessage(json + ": schema version 7 was written by a newer flamegate (this build reads up to 1). " + REMEDY);
    }

    @Test
    void missingFieldIsNamed() throws IOException {
        BaselineStore store = BaselineStore.at(dir);
        store.save(sample(5));
        Path json = store.directoryOf(ID).resolve("baseline.json");
        Files.writeString(json, Files.readString(json).replace("\"displayName\"", "\"dispName\""));

        assertThatThrownBy(() -> store.load(ID)).isInstanceOf(InvalidInputException.class)
                .hasMessage(json + ": missing field 'displayName'. " + REMEDY);
    }

    @Test
    void malformedCollapsedFileNamesFileAndLine() throws IOException {
        BaselineStore store = BaselineStore.at(dir);
        store.save(sample(6));
        Path collapsed = store.directoryOf(ID).resolve("cpu.collapsed");
        Files.writeString(collapsed, "# flamegate event=cpu unit=samples interval=0 durationMs=0 engine=file\nmain;a 10\nmain;b ten\n");

        assertThatThrownBy(() -> store.load(ID)).isInstanceOf(InvalidInputException.class)
                .hasMessage(collapsed + ":3: weight 'ten' is not a whole number. " + REMEDY);
    }

    @Test
    void oversizedFilesAreRefusedBeforeReading() {
        BaselineStore small = new BaselineStore(dir, Files::write, 100);
        BaselineStore.at(dir).save(sample(7));

        assertThatThrownBy(() -> small.load(ID)).isInstanceOf(InvalidInputException.class)
                .hasMessageMatching(".*baseline.json: the file has \\d+ bytes, more than the 100 a baseline file may have\\. Re-record.*");
    }

    @Test
    void failedWriteLeavesTheOldBaselineIntact() throws IOException {
        BaselineStore.at(dir).save(sample(8));
        Baseline old = BaselineStore.at(dir).load(ID).orElseThrow();
        byte[] oldJson = Files.readAllBytes(dir.resolve(BaselineIds.fileName(ID)).resolve("baseline.json"));
        BaselineStore failing = new BaselineStore(dir, (file, content) -> {
            if (file.getFileName().toString().equals("baseline.json")) {
                Files.write(file, java.util.Arrays.copyOf(content, content.length / 3));
                throw new IOException("No space left on device");
            }
            Files.write(file, content);
        }, BaselineStore.MAX_FILE_BYTES);

        assertThatThrownBy(() -> failing.save(sample(9))).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("No space left on device");
        assertThat(BaselineStore.at(dir).load(ID)).contains(old);
        assertThat(Files.readAllBytes(dir.resolve(BaselineIds.fileName(ID)).resolve("baseline.json"))).isEqualTo(oldJson);
        try (Stream<Path> entries = Files.list(dir)) {
            assertThat(entries).as("temporary directory removed").hasSize(1);
        }
    }

    @Test
    void crashBetweenTheTwoRenamesIsRecovered() throws IOException {
        BaselineStore store = BaselineStore.at(dir);
        Baseline baseline = sample(10);
        store.save(baseline);
        Path target = store.directoryOf(ID);
        Files.move(target, dir.resolve("." + target.getFileName() + ".old-1234"), StandardCopyOption.ATOMIC_MOVE);

        assertThat(store.load(ID)).contains(baseline);
        assertThat(target).isDirectory();
    }

    @Test
    void baselineOfAnotherIdIsRefused() throws IOException {
        BaselineStore store = BaselineStore.at(dir);
        store.save(sample(11));
        Path other = store.directoryOf("other-id");
        Files.move(store.directoryOf(ID), other);

        assertThatThrownBy(() -> store.load("other-id")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("holds the baseline of 'com.acme.PricingTest#quotes', expected 'other-id'");
    }

    @Test
    void loadDirectoryReadsWhateverIdItHolds() {
        BaselineStore store = BaselineStore.at(dir);
        Baseline baseline = sample(12);
        store.save(baseline);

        assertThat(BaselineStore.loadDirectory(store.directoryOf(ID))).isEqualTo(baseline);
        assertThatThrownBy(() -> BaselineStore.loadDirectory(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessage(dir + ": not a baseline directory (no baseline.json). Pass a directory recorded with -Dflamegate.mode=record");
    }

    @Test
    void baselinesStaySmall() throws IOException {
        BaselineStore store = BaselineStore.at(dir);
        store.save(sample(13));
        long bytes;
        try (Stream<Path> files = Files.walk(store.directoryOf(ID))) {
            bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        assertThat(bytes).isLessThan(10_000);
    }

    private Path saveThenReplaceJson(String content) throws IOException {
        BaselineStore store = BaselineStore.at(dir);
        store.save(sample(99));
        Path json = store.directoryOf(ID).resolve("baseline.json");
        Files.write(json, content.getBytes(StandardCharsets.ISO_8859_1));
        return json;
    }

    @Test
    void aFrontEndsInstructionsNameItsOwnCommandInTheErrorsOfItsStore() throws IOException {
        Path json = saveThenReplaceJson("");

        assertThatThrownBy(() -> BaselineStore.at(dir, id -> "make baseline ID=" + id).load(ID))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(json + ": the file is empty. Re-record the baseline with make baseline ID=" + ID + " and commit it");
    }
}
