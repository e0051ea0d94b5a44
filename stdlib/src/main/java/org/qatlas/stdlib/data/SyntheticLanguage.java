package org.qatlas.stdlib.data;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import org.qatlas.stdlib.text.NumberText;
import org.qatlas.stdlib.value.FieldTable;
import org.qatlas.stdlib.value.FieldTable.Computed;
import org.qatlas.stdlib.value.FieldTable.Field;
import org.qatlas.stdlib.value.FieldTable.Type;
import org.qatlas.stdlib.value.TableValue;

/**
 * A generated language whose entropy rate is known exactly, so that the irreducible loss E of
 * a scaling law is known, and whose structure rewards longer contexts: a model gains by
 * learning the previous token's influence first, then that of each older token in turn, so
 * loss keeps falling with model size and data over orders of magnitude.
 *
 * <p>How a token is made: draw a rank z from a Zipf distribution p over the vocabulary; the
 * token is {@code perm[x(t-1)](z xor mask)}, where {@code perm[x]} is a fixed random
 * permutation of the vocabulary for each previous token x, and each bit of {@code mask} is
 * either 0 or a hash of the tokens x(t-2) ... x(t-1-depth) (a rank whose xor falls outside
 * the vocabulary stays as it is). The highest bits, which move a rank furthest, are never
 * flipped, so the previous token alone already tells much; lower bits look further back, up
 * to {@code order} tokens, so each older token is worth less than the one after it, as in
 * natural text. Given the previous {@code order} tokens the
 * token is a bijection of z, so the entropy rate is exactly H(p) whatever the context; a
 * model that sees less context pays for every bit it cannot resolve.
 */
public final class SyntheticLanguage extends SplitTokenData implements TableValue<SyntheticLanguage> {
    // vocab and order are checked as they are read, before they are narrowed to an int.
    private static final Field<SyntheticLanguage, Integer> VOCAB = Field.of("vocab", Type.intBetween(4, 256), 64,
            SyntheticLanguage::vocab).check(v -> v >= 4 && v <= 256, "must be between 4 and 256");
    private static final Field<SyntheticLanguage, Long> TOKENS = Field.of("tokens", Type.WHOLE, 5_000_000L,
            (SyntheticLanguage s) -> s.tokens)
            .check(t -> t >= 1024 && t <= Integer.MAX_VALUE, "must be between 1024 and " + Integer.MAX_VALUE);
    private static final Field<SyntheticLanguage, Integer> ORDER = Field.of("order", Type.intBetween(1, 8), 4,
            (SyntheticLanguage s) -> s.order)
            .check(o -> o >= 1 && o <= 8, "must be between 1 and 8");
    private static final Field<SyntheticLanguage, Double> ZIPF = Field.of("zipf", Type.NUMBER, 1.0,
            (SyntheticLanguage s) -> s.zipf)
            .check(z -> z >= 0 && z <= 4, "must be between 0 and 4");
    private static final Field<SyntheticLanguage, Long> SEED = Field.of("seed", Type.WHOLE, 0L,
            (SyntheticLanguage s) -> s.seed);
    private static final Field<SyntheticLanguage, Double> HOLDOUT = Field.of("holdout", Type.NUMBER, 0.05,
            (SyntheticLanguage s) -> s.holdout)
            .check(h -> h >= 0 && h <= 0.5, "must be between 0 and 0.5");

    /**
     * The settings of {@code synthetic(...)}; its entropy and the sizes of its two parts
     * follow from them.
     */
    public static final FieldTable<SyntheticLanguage> TABLE = new FieldTable<>("synthetic",
            List.of(VOCAB, TOKENS, ORDER, ZIPF, SEED, HOLDOUT),
            v -> generate(v.get(VOCAB), v.get(TOKENS), v.get(ORDER), v.get(ZIPF), v.get(SEED), v.get(HOLDOUT)))
            .computing(List.of(Computed.of("entropy", SyntheticLanguage::entropy),
                    Computed.of("train_tokens", SyntheticLanguage::trainTokens),
                    Computed.of("heldout_tokens", SyntheticLanguage::heldOutTokens)));

    private final int vocab;
    private final long tokens;
    private final int order;
    private final double zipf;
    private final long seed;
    private final double holdout;
    private final double entropy;

    private SyntheticLanguage(int vocab, long tokens, int order, double zipf, long seed, double holdout,
            double entropy, ByteSplit split) {
        super(split);
        this.vocab = vocab;
        this.tokens = tokens;
        this.order = order;
        this.zipf = zipf;
        this.seed = seed;
        this.holdout = holdout;
        this.entropy = entropy;
    }

    /**
     * @param vocab distinct tokens, 4 to 256
     * @param tokens length of the generated text (training and held-out together)
     * @param order how many previous tokens the next one depends on, 1 to 8
     * @param zipf the exponent of the rank distribution: larger is more predictable
     */
    public static SyntheticLanguage generate(int vocab, long tokens, int order, double zipf, long seed, double holdout) {
        // Checked before the text is made, which for a large text takes a while.
        TABLE.check(new FieldTable.Values().with(VOCAB, vocab).with(TOKENS, tokens).with(ORDER, order).with(ZIPF, zipf)
                .with(HOLDOUT, holdout));
        double[] p = zipfDistribution(vocab, zipf);
        byte[] text = new Generator(vocab, order, p, seed).text((int) tokens);
        ByteSplit split = new ByteSplit(List.of(ByteBuffer.wrap(text)), holdout, seed);
        return new SyntheticLanguage(vocab, tokens, order, zipf, seed, holdout, entropyOf(p), split);
    }

    static double[] zipfDistribution(int vocab, double exponent) {
        double[] p = new double[vocab];
        double total = 0;
        for (int rank = 0; rank < vocab; rank++) {
            p[rank] = Math.pow(rank + 1, -exponent);
            total += p[rank];
        }
        for (int rank = 0; rank < vocab; rank++) {
            p[rank] /= total;
        }
        return p;
    }

    static double entropyOf(double[] p) {
        double h = 0;
        for (double q : p) {
            if (q > 0) {
                h -= q * Math.log(q);
            }
        }
        return h;
    }

    @Override
    public FieldTable<SyntheticLanguage> table() {
        return TABLE;
    }

    /** The entropy rate in nats per token: the lowest loss any model can reach. */
    public double entropy() {
        return entropy;
    }

    @Override
    public int vocab() {
        return vocab;
    }

    @Override
    public String describe() {
        return "synthetic(vocab: " + vocab + ", tokens: " + NumberText.si(tokens) + ", order: " + order + ", zipf: "
                + NumberText.format(zipf) + ", seed: " + seed + ", holdout: " + NumberText.format(holdout) + ")";
    }

    /** Makes the text; all tables are drawn from the seed, so the same seed gives the same text. */
    private static final class Generator {
        private final int vocab;
        private final int order;
        private final int bits;
        private final int[] depth;
        private final int[][] permutation;
        private final double[] cumulative;
        private final long salt;
        private final SplittableRandom random;

        Generator(int vocab, int order, double[] p, long seed) {
            this.vocab = vocab;
            this.order = order;
            this.random = new SplittableRandom(seed);
            this.salt = random.nextLong();
            this.bits = order == 1 ? 0 : 32 - Integer.numberOfLeadingZeros(vocab - 1);
            this.depth = new int[bits];
            for (int k = 0; k < bits; k++) {
                depth[k] = k * order / bits; // 0 (never flipped) for the highest bit, up to order - 1
            }
            this.permutation = new int[vocab][];
            for (int x = 0; x < vocab; x++) {
                permutation[x] = shuffled(vocab, random);
            }
            this.cumulative = new double[vocab];
            double sum = 0;
            for (int rank = 0; rank < vocab; rank++) {
                sum += p[rank];
                cumulative[rank] = sum;
            }
        }

        byte[] text(int length) {
            byte[] text = new byte[length];
            long[] prefix = new long[order];
            for (int t = 0; t < length; t++) {
                int rank = drawRank();
                // prefix[d] hashes x(t-2) .. x(t-1-d); tokens before the start count as 0.
                long h = salt;
                for (int d = 1; d < order; d++) {
                    h = mix(h + token(text, t - 1 - d));
                    prefix[d] = h;
                }
                int mask = 0;
                for (int k = 0; k < bits; k++) {
                    if (depth[k] > 0) {
                        mask |= (int) (mix(prefix[depth[k]] + k) & 1) << (bits - 1 - k);
                    }
                }
                if ((rank ^ mask) < vocab) {
                    rank ^= mask; // an involution, so still a bijection of the ranks
                }
                text[t] = (byte) permutation[token(text, t - 1)][rank];
            }
            return text;
        }

        private static int token(byte[] text, int index) {
            return index < 0 ? 0 : text[index] & 0xFF;
        }

        private int drawRank() {
            double u = random.nextDouble();
            int low = 0;
            int high = vocab - 1;
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (cumulative[middle] < u) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            return low;
        }

        /** A strong 64-bit mixer (the finalizer of SplitMix64). */
        private static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        private static int[] shuffled(int n, SplittableRandom random) {
            int[] values = new int[n];
            for (int i = 0; i < n; i++) {
                values[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = values[i];
                values[i] = values[j];
                values[j] = swap;
            }
            return values;
        }
    }
}
