package org.r2led.sid.quant;

import ai.djl.ndarray.NDArray;
import org.r2led.nn.Scalars;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * The RQ-VAE network: MLP encoder {@code dim → hidden → latent}, residual codebooks
 * ({@code K_l × latent} each) and MLP decoder {@code latent → hidden → dim}.
 *
 * <p>What {@link #forward} computes depends on {@link #mode}:
 * <ul>
 *   <li>{@code AUTOENCODE}: {@code [x̂ = dec(enc(x)), 0]} (warm-up before the codebooks exist);
 *   <li>{@code QUANTIZE}: {@code [x̂ = dec(z + sg(z_q - z)), codebook + β·commitment loss]} where
 *       {@code z_q = Σ_l q_l}, {@code q_l} the codeword nearest to the level-{@code l} residual
 *       {@code r_l} ({@code r_1 = z}, {@code r_{l+1} = r_l - q_l}), codebook loss
 *       {@code Σ_l mean(sg(r_l) - q_l)²}, commitment loss {@code Σ_l mean(r_l - sg(q_l))²}
 *       (straight-through estimator: the decoder's gradient reaches the encoder unchanged);
 *   <li>{@code ENCODE}: {@code [z]}; {@code DECODE}: input is a latent, output {@code [dec(z)]}.
 * </ul>
 */
final class RqVaeBlock extends AbstractBlock {
  enum Mode { AUTOENCODE, QUANTIZE, ENCODE, DECODE }

  private final int dim;
  private final int latent;
  private final float beta;
  private final SequentialBlock encoder;
  private final SequentialBlock decoder;
  private final Parameter[] codebooks;
  Mode mode = Mode.AUTOENCODE;

  RqVaeBlock(int dim, int hidden, int latent, int[] codebookSizes, float beta) {
    this.dim = dim;
    this.latent = latent;
    this.beta = beta;
    encoder = addChildBlock("encoder", new SequentialBlock()
        .add(Linear.builder().setUnits(hidden).build())
        .add(Activation.reluBlock())
        .add(Linear.builder().setUnits(latent).build()));
    decoder = addChildBlock("decoder", new SequentialBlock()
        .add(Linear.builder().setUnits(hidden).build())
        .add(Activation.reluBlock())
        .add(Linear.builder().setUnits(dim).build()));
    codebooks = new Parameter[codebookSizes.length];
    for (int l = 0; l < codebookSizes.length; l++) {
      codebooks[l] = addParameter(Parameter.builder().setName("codebook" + (l + 1)).setType(Parameter.Type.WEIGHT)
          .optShape(new Shape(codebookSizes[l], latent)).optInitializer(new NormalInitializer(0.01f)).build());
    }
  }

  Parameter codebook(int level) { return codebooks[level]; }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    if (mode == Mode.DECODE) return decoder.forward(ps, new NDList(x), training, params);
    NDArray z = encoder.forward(ps, new NDList(x), training, params).singletonOrThrow();
    if (mode == Mode.ENCODE) return new NDList(z);
    if (mode == Mode.AUTOENCODE) {
      NDArray xhat = decoder.forward(ps, new NDList(z), training, params).singletonOrThrow();
      return new NDList(xhat, x.getManager().zeros(new Shape()));
    }
    NDArray r = z;
    NDArray zq = null;
    NDArray loss = null;
    for (Parameter p : codebooks) {
      NDArray c = ps.getValue(p, x.getDevice(), training);
      long k = c.getShape().get(0);
      // squared distances ||r||² - 2 r·cᵀ + ||c||², shape (batch, K)
      NDArray d = r.square().sum(new int[] {1}, true).sub(Scalars.mul(r.matMul(c.transpose()), 2f))
          .add(c.square().sum(new int[] {1}).reshape(1, k));
      NDArray idx = d.argMin(1);
      NDArray q = idx.oneHot((int) k).toType(DataType.FLOAT32, false).matMul(c);
      NDArray lv = r.stopGradient().sub(q).square().mean().add(Scalars.mul(r.sub(q.stopGradient()).square().mean(), beta));
      loss = loss == null ? lv : loss.add(lv);
      zq = zq == null ? q : zq.add(q);
      r = r.sub(q);
    }
    NDArray st = z.add(zq.sub(z).stopGradient());
    NDArray xhat = decoder.forward(ps, new NDList(st), training, params).singletonOrThrow();
    return new NDList(xhat, loss);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    long b = inputShapes[0].get(0);
    return switch (mode) {
      case ENCODE -> new Shape[] {new Shape(b, latent)};
      case DECODE -> new Shape[] {new Shape(b, dim)};
      default -> new Shape[] {new Shape(b, dim), new Shape()};
    };
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    long b = inputShapes[0].get(0);
    encoder.initialize(manager, dataType, new Shape(b, dim));
    decoder.initialize(manager, dataType, new Shape(b, latent));
  }
}
