/**
 * Fake quantization for quantization-aware training (QAT), in plain Java over ND4J.
 *
 * <ul>
 *   <li>{@link org.qatlas.stdlib.quant.NumberFormat}: the grids, {@link org.qatlas.stdlib.quant.IntFormat}
 *       (int2..int8 symmetric AbsMax, uint2..uint8 asymmetric min/max) and
 *       {@link org.qatlas.stdlib.quant.Fp4E2M1}.
 *   <li>{@link org.qatlas.stdlib.quant.Granularity}: which elements share a scale (gN, channel,
 *       token, tensor); {@link org.qatlas.stdlib.quant.ClipMode}: learnable input clipping.
 *   <li>{@link org.qatlas.stdlib.quant.QuantSpec}: format + granularity + options, written
 *       "int4/g32", "int8/token", "fp4/g128", "int4/g32+lsq", "none".
 *   <li>{@link org.qatlas.stdlib.quant.Scheme}: the specs of a whole model, with overrides by
 *       name pattern ("*.fc2.input").
 *   <li>{@link org.qatlas.stdlib.quant.FakeQuantizer}: forward (quantize-dequantize) and backward
 *       (straight-through estimator, LSQ and PACT parameter gradients) of one tensor.
 *   <li>{@link org.qatlas.stdlib.quant.QuantStats}: quantization error, kurtosis, outlier ratio.
 * </ul>
 *
 * <p>Layouts: a linear layer computes {@code y = x W} with x [tokens, in] and W [in, out] (so
 * ND4J's mmul needs no transpose in the forward pass). Groups always run along the input
 * dimension, as in paper A (Chen et al. 2025): along the rows of W within each output column,
 * along the features of each token of x.
 */
package org.qatlas.stdlib.quant;
