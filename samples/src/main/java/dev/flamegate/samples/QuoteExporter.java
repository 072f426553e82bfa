package dev.flamegate.samples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Exports quotes as JSON with a checksum, the way much real code does: a new Jackson {@link ObjectMapper}
 * per call (costly to build; most of the CPU of a short export) and a hand-written checksum over the
 * bytes. The time-only regression of the samples lives here: {@code -Dsamples.regression=slow:N} makes
 * {@link #checksum} do more passes, enough to add about N % to the export's CPU, without a new frame or
 * an extra allocation, so only a time comparison can see it.
 */
public final class QuoteExporter {

    /** Checksum passes over the document: the share of the export's CPU the checksum takes. */
    static final int PASSES = 2;
    /**
     * The checksum's share of {@link #export}'s CPU at {@value #PASSES} passes, measured with
     * {@code QuoteExportCalibration} (thread CPU time after warm-up); {@code slow:N} uses it to size the extra work.
     */
    static final double CHECKSUM_SHARE = 0.37;

    private final long passBytesPerThousand;

    /** An exporter as the switch says: {@link RegressionSwitch#current()} in the samples. */
    public QuoteExporter(RegressionSwitch regression) {
        double extra = regression.is(RegressionSwitch.Kind.SLOW) ? regression.percent() / (100.0 * CHECKSUM_SHARE) : 0;
        this.passBytesPerThousand = Math.round(PASSES * (1 + extra) * 1000);
    }

    /** The quotes as one JSON document followed by a line with its checksum in hex. */
    public String export(List<Quote> quotes) {
        ObjectMapper mapper = new ObjectMapper();
        try {
            String json = mapper.writeValueAsString(quotes);
            return json + "\n" + Long.toHexString(checksum(json.getBytes(StandardCharsets.UTF_8)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a quote could not be written as JSON", e);
        }
    }

    /**
     * A 64-bit FNV-1a hash folded over the bytes {@value #PASSES} times (more under {@code slow:N}; a fraction of
     * a pass covers a prefix), so that its cost grows continuously with the injected size.
     */
    long checksum(byte[] bytes) {
        long total = bytes.length * passBytesPerThousand / 1000;
        long hash = 0xcbf29ce484222325L;
        for (long i = 0; i < total; i++) {
            hash ^= bytes[(int) (i % bytes.length)];
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
