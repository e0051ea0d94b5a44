package org.qatlas.stdlib.backend;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Steps run as the model runs them, each forward and backward inside one workspace that the
 * next step reuses: what a kernel keeps across steps (RoPE's tables, the causal mask) was made
 * in the first step and must still hold its values in the later ones, where the workspace's
 * memory has been written over.
 */
class WorkspaceTest {
    private static final WorkspaceConfiguration STEP = WorkspaceConfiguration.builder()
            .initialSize(8L << 20).policyAllocation(AllocationPolicy.STRICT).policyLearning(LearningPolicy.NONE).build();

    static java.util.List<Backend> backends() {
        return BackendKernelTest.backends();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void stepsInAReusedWorkspaceMatchStepsOutsideAny(Backend backend) {
        Backend.Rope rope = backend.rope(2, 4, 10000.0);
        Backend.Attention attention = backend.causalAttention(2, 1, 4);
        Backend.Rope plainRope = backend.rope(2, 4, 10000.0);
        Backend.Attention plainAttention = backend.causalAttention(2, 1, 4);
        for (int step = 0; step < 3; step++) {
            INDArray q = Tensors.normal(backend.dataType(), 10 * step + 1, 1.0, 10, 8);
            INDArray kv = Tensors.normal(backend.dataType(), 10 * step + 2, 1.0, 10, 4);
            INDArray gradOut = Tensors.normal(backend.dataType(), 10 * step + 3, 1.0, 10, 8);
            INDArray[] expected = step(plainRope, plainAttention, q, kv, gradOut);
            INDArray[] actual;
            try (MemoryWorkspace workspace = Nd4j.getWorkspaceManager().getAndActivateWorkspace(STEP, "backend-test-step")) {
                INDArray[] inside = step(rope, attention, q, kv, gradOut);
                actual = new INDArray[inside.length];
                for (int i = 0; i < inside.length; i++) {
                    actual[i] = inside[i].detach();
                }
            }
            for (int i = 0; i < expected.length; i++) {
                Tolerance.DOUBLE.assertClose("step " + step + " result " + i, expected[i], actual[i]);
            }
        }
    }

    /** Rotates q, attends over five positions of two sequences, and takes the gradients back through both. */
    private static INDArray[] step(Backend.Rope rope, Backend.Attention attention, INDArray q, INDArray kv, INDArray gradOut) {
        INDArray rotated = rope.forward(q, 5);
        INDArray out = attention.forward(rotated, kv, kv, 2, 5, true);
        INDArray[] gradients = attention.backward(gradOut);
        return new INDArray[] {out, rope.backward(gradients[0], 5), gradients[1], gradients[2]};
    }
}
