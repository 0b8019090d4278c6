package dev.tapdeck.generate;

/**
 * The SplitMix64 generator (Steele, Lea and Flood, "Fast splittable pseudorandom number
 * generators", OOPSLA 2014), written out here so that a seed gives the same traffic on every
 * JDK: {@link java.util.Random} and friends promise no stable sequence across versions.
 * Floating-point helpers use {@link StrictMath} for the same reason.
 */
final class SplitMix64 {
    private long state;

    SplitMix64(long seed) {
        this.state = seed;
    }

    long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    int nextInt() {
        return (int) (nextLong() >>> 32);
    }

    /** Uniform in [0, bound); multiply-shift, whose bias is far below anything visible here. */
    int nextInt(int bound) {
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /** Uniform in [low, high], both inclusive. */
    int between(int low, int high) {
        return low + nextInt(high - low + 1);
    }

    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    boolean chance(double probability) {
        return nextDouble() < probability;
    }

    <T> T pick(T[] choices) {
        return choices[nextInt(choices.length)];
    }

    int pick(int[] choices) {
        return choices[nextInt(choices.length)];
    }

    /** Exponentially distributed with the given mean: gaps between independent arrivals. */
    long exponential(long mean) {
        return (long) (-mean * StrictMath.log(1.0 - nextDouble()));
    }

    /** Log-normally distributed: e^(mu + sigma * N(0,1)), the classic shape of object sizes. */
    double logNormal(double mu, double sigma) {
        return StrictMath.exp(mu + sigma * gaussian());
    }

    /**
     * Standard normal, by Marsaglia's polar method: no trigonometry, whose StrictMath versions
     * allocate. One of the pair is thrown away, which keeps the generator free of hidden state.
     */
    double gaussian() {
        double u;
        double s;
        do {
            u = 2.0 * nextDouble() - 1.0;
            double v = 2.0 * nextDouble() - 1.0;
            s = u * u + v * v;
        } while (s >= 1.0 || s == 0.0);
        return u * StrictMath.sqrt(-2.0 * StrictMath.log(s) / s);
    }

    void nextBytes(byte[] into, int offset, int length) {
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            BigEndian.put64(into, offset + i, nextLong());
        }
        if (i < length) {
            long last = nextLong();
            for (; i < length; i++, last >>>= 8) {
                into[offset + i] = (byte) last;
            }
        }
    }
}
