package org.qatlas.stdlib.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fast loops leave out the clamp to [-maxLevel, maxLevel] and take max|x| on the bits: both
 * must change no bit. Checked against the formula written out in float32, on groups that test
 * the argument's edges: values exactly at the maximum, subnormal and zero groups, infinities and
 * NaN, ragged groups, and both layouts.
 */
class CpuFakeQuantTest {
    private static final float ROUND = 12_582_912f;

    @Test
    void everyBitIsTheClampedFormulasAlongRows() {
        for (int level : new int[] {1, 7, 127, 1 << 22}) {
            float[][] x = edgeCases(9, 37, level);
            assertBitwise("rows, groups of 8, level " + level, expected(x, 8, false, level), quantized(x, 8, false, level));
        }
    }

    @Test
    void everyBitIsTheClampedFormulasDownColumns() {
        for (int level : new int[] {1, 7, 127}) {
            float[][] planted = edgeCases(9, 37, level);
            // Each planted row becomes a column's groups; without the all-zero one too, since the
            // columns of a group are quantized together and a zero scale among them changes the path.
            for (float[][] x : new float[][][] {transpose(planted), transpose(Arrays.copyOfRange(planted, 1, 9))}) {
                assertBitwise("columns, groups of 8, level " + level, expected(x, 8, true, level), quantized(x, 8, true, level));
            }
        }
    }

    @Test
    void largeTensorsSplitOverThreadsGiveTheSameBits() {
        float[][] x = edgeCases(600, 200, 7); // above the size at which the work is split
        assertBitwise("rows", expected(x, 32, false, 7), quantized(x, 32, false, 7));
        float[][] w = transpose(x);
        assertBitwise("columns", expected(w, 32, true, 7), quantized(w, 32, true, 7));
    }

    @Test
    void tensorsCopiedInSeveralTilesGiveTheSameBits() {
        float[][] x = edgeCases(1000, 300, 7); // 218 rows a tile: three tiles a thread, the last one short
        assertBitwise("rows", expected(x, 32, false, 7), quantized(x, 32, false, 7));
        float[][] w = transpose(edgeCases(5000, 40, 7)); // groups of 32 and 8 rows, 2048 columns a tile
        assertBitwise("columns", expected(w, 32, true, 7), quantized(w, 32, true, 7));
    }

    /** Random values with planted edge cases, each in a row (and so in some group either way). */
    private static float[][] edgeCases(int rows, int columns, int level) {
        Random random = new Random(rows * 31L + columns + level);
        float[][] x = new float[rows][columns];
        for (float[] row : x) {
            for (int j = 0; j < columns; j++) {
                row[j] = (float) (random.nextGaussian() * Math.exp(4 * random.nextGaussian()));
            }
        }
        float tiny = Float.MIN_VALUE;
        for (int j = 0; j < columns; j++) {
            x[0][j] = 0; // all-zero groups
            x[1][j] = (j % 3 - 1) * tiny * (j + 1); // subnormal groups: scale below the smallest normal float
            x[2][j] = (j % 2 == 0 ? 1 : -1) * Float.MIN_NORMAL * (j % 5) / 3; // subnormal scales from normal values
            x[3][j] = (j % 2 == 0 ? 1 : -1) * Float.MAX_VALUE / (1 + j % 4); // overflow of x / scale is impossible
        }
        x[4][1] = Float.POSITIVE_INFINITY;
        x[5][2] = Float.NaN;
        x[6][3] = -0.0f;
        for (int j = 0; j < columns; j++) {
            x[7][j] = x[7][0] * (j % 2 == 0 ? 1 : -1); // ties: every value at the maximum
        }
        return x;
    }

    private static float[][] quantized(float[][] x, int length, boolean alongColumns, int level) {
        INDArray in = Nd4j.createFromArray(x).castTo(DataType.FLOAT);
        return CpuFakeQuant.apply(in, length, alongColumns, level).toFloatMatrix();
    }

    /** The contract's formula, with the clamp, one group at a time. */
    private static float[][] expected(float[][] x, int length, boolean alongColumns, int level) {
        float[][] t = alongColumns ? transpose(x) : x;
        float[][] out = new float[t.length][];
        float top = level;
        for (int r = 0; r < t.length; r++) {
            out[r] = t[r].clone();
            for (int start = 0; start < t[r].length; start += length) {
                int end = Math.min(t[r].length, start + length);
                float max = 0;
                for (int i = start; i < end; i++) {
                    max = Math.max(max, Math.abs(t[r][i]));
                }
                float scale = max / top == 0 ? 1 : max / top;
                for (int i = start; i < end; i++) {
                    float clamped = Math.min(Math.max(t[r][i] / scale, -top), top);
                    out[r][i] = (clamped + ROUND - ROUND) * scale;
                }
            }
        }
        return alongColumns ? transpose(out) : out;
    }

    private static float[][] transpose(float[][] x) {
        float[][] t = new float[x[0].length][x.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[0].length; j++) {
                t[j][i] = x[i][j];
            }
        }
        return t;
    }

    private static void assertBitwise(String what, float[][] expected, float[][] actual) {
        for (int r = 0; r < expected.length; r++) {
            for (int j = 0; j < expected[r].length; j++) {
                assertEquals(Float.floatToIntBits(expected[r][j]), Float.floatToIntBits(actual[r][j]),
                        what + ": element [" + r + ", " + j + "]: expected " + expected[r][j] + ", got " + actual[r][j]);
            }
        }
    }
}
