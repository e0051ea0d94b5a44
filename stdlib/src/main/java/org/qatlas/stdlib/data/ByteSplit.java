package org.qatlas.stdlib.data;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Byte tokens in blocks, of which a fixed share is held out. Blocks are assigned to the
 * held-out split by a hash of their index, so the split is the same on every run and spread
 * over the whole text rather than taken from its end. Windows never cross a block boundary,
 * so no training window sees held-out text.
 */
final class ByteSplit {
    /** Blocks are about a hundredth of the data, within these bounds. */
    static final int MIN_BLOCK = 4096;
    static final int MAX_BLOCK = 1 << 16;

    private final List<ByteBuffer> train = new ArrayList<>();
    private final List<ByteBuffer> heldOut = new ArrayList<>();
    private long trainTokens;
    private long heldOutTokens;

    /** Splits the buffers into blocks; {@code holdout} is the share held out (0 to 0.5). */
    ByteSplit(List<ByteBuffer> buffers, double holdout, long seed) {
        long total = buffers.stream().mapToLong(ByteBuffer::limit).sum();
        int blockSize = (int) Math.max(MIN_BLOCK, Math.min(MAX_BLOCK, total / 100));
        long blockIndex = 0;
        for (ByteBuffer buffer : buffers) {
            for (int start = 0; start < buffer.limit(); start += blockSize) {
                int length = Math.min(blockSize, buffer.limit() - start);
                ByteBuffer block = buffer.slice(start, length);
                if (isHeldOut(blockIndex++, holdout, seed)) {
                    heldOut.add(block);
                    heldOutTokens += length;
                } else {
                    train.add(block);
                    trainTokens += length;
                }
            }
        }
        if (holdout > 0 && heldOut.isEmpty() && train.size() > 1) {
            ByteBuffer last = train.remove(train.size() - 1); // a tiny corpus still gets a held-out part
            heldOut.add(last);
            trainTokens -= last.limit();
            heldOutTokens += last.limit();
        }
    }

    private static boolean isHeldOut(long block, double holdout, long seed) {
        long mixed = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + block).nextLong();
        return (mixed >>> 11) * 0x1.0p-53 < holdout;
    }

    long trainTokens() {
        return trainTokens;
    }

    long heldOutTokens() {
        return heldOutTokens;
    }

    /** Random windows, from blocks chosen uniformly (all but each file's last have one size). */
    void sample(SplittableRandom random, boolean fromHeldOut, int[][] windows) {
        List<ByteBuffer> blocks = fromHeldOut ? heldOut : train;
        int length = windows[0].length;
        for (int[] window : windows) {
            ByteBuffer block = pick(blocks, random, length);
            int offset = random.nextInt(block.limit() - length + 1);
            for (int i = 0; i < length; i++) {
                window[i] = block.get(offset + i) & 0xFF;
            }
        }
    }

    private static ByteBuffer pick(List<ByteBuffer> blocks, SplittableRandom random, int length) {
        for (int attempt = 0; attempt < 64; attempt++) {
            ByteBuffer block = blocks.get(random.nextInt(blocks.size()));
            if (block.limit() >= length) {
                return block;
            }
        }
        for (ByteBuffer block : blocks) {
            if (block.limit() >= length) {
                return block;
            }
        }
        throw new IllegalArgumentException("no block of the data holds a window of " + length + " tokens");
    }

    boolean isEmpty(boolean fromHeldOut) {
        return (fromHeldOut ? heldOut : train).isEmpty();
    }
}
