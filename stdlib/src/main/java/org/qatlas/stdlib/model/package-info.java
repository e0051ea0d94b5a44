/**
 * A Llama-3-style decoder (RMSNorm, rotary positions, grouped-query attention, SwiGLU, no
 * biases) with explicit forward and backward passes on ND4J arrays, in the manner of llm.c:
 * no autodiff graph, one class per layer.
 *
 * <p>Conventions shared by every layer:
 * <ul>
 * <li>Activations are 2-D, [batch * time, features], row b * time + t.
 * <li>{@code forward} caches what {@code backward} needs; {@code infer} computes the same
 *     output and caches nothing; {@code backward(gradOut)} returns the gradient with respect
 *     to the layer's input and adds (never assigns) parameter gradients into the gradient
 *     arrays the layer was built with. A training step is: zero gradients, forward through
 *     every layer, backward in reverse order, optimizer update.
 * <li>Layers never write into arrays they were given (inputs, gradOut); callers may write
 *     into arrays a layer returns.
 * <li>Linear weights are [in, out]: y = x W.
 * <li>{@link org.qatlas.stdlib.model.TensorTransform} is the hook through which fake
 *     quantization reaches the inputs and weights of the linear layers.
 * </ul>
 *
 * <p>{@link org.qatlas.stdlib.model.LlamaModel} assembles the layers and names parameters
 * and linear layers; {@link org.qatlas.stdlib.model.LlamaConfig} holds the shape and counts
 * parameters and FLOPs.
 *
 * <p>Arithmetic: every layer computes through the {@link org.qatlas.stdlib.backend.Backend} it
 * was built with (the fast float32 {@code cpu} kernels, or whole-array ND4J operations on a
 * CPU or GPU); the layers themselves only hold parameters, compose operations and keep their
 * forward and backward side by side.
 */
package org.qatlas.stdlib.model;
