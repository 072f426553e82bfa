package dev.flamegate.compare;

/**
 * What one comparison found, as the facts the verdict is read from; {@link #verdict()} is the whole rule.
 *
 * @param shapeRegression the trace shape changed (and changes are not allowed)
 * @param metricRegressed a gated metric regressed
 * @param pathRegressed a call path's share of its run grew ({@link ShareGate})
 * @param environmentMismatch baseline and run come from incompatible environments
 * @param improved a gated metric improved
 * @param uncertain the primary gated metric, or a time total growing alone, could not be told from noise
 * @param nothingGated no metric could decide
 */
record Evidence(boolean shapeRegression, boolean metricRegressed, boolean pathRegressed, boolean environmentMismatch,
        boolean improved, boolean uncertain, boolean nothingGated) {

    /**
     * A changed shape is a regression wherever it ran; a regressed metric or path only in a comparable environment,
     * else the mismatch is the answer; then an improvement; then INCONCLUSIVE when the answer is not known; else PASS.
     */
    Verdict verdict() {
        if (shapeRegression || (metricRegressed || pathRegressed) && !environmentMismatch) {
            return Verdict.REGRESSION;
        }
        if (environmentMismatch) {
            return Verdict.ENVIRONMENT_MISMATCH;
        }
        if (improved) {
            return Verdict.IMPROVEMENT;
        }
        if (uncertain || nothingGated) {
            return Verdict.INCONCLUSIVE;
        }
        return Verdict.PASS;
    }
}
