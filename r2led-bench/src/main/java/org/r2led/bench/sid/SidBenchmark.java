package org.r2led.bench.sid;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.r2led.io.Progress;
import org.r2led.sid.embed.TextEncoder;
import org.r2led.sid.quant.Quantization;
import org.r2led.sid.quant.RqKMeansQuantizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Benchmarks behind {@code r2led bench sid}: RQ-KMeans time and text-encoder throughput. */
public final class SidBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(SidBenchmark.class);
  private SidBenchmark() {}

  /**
   * RQ-KMeans timing.
   *
   * @param seconds wall time of quantization (excluding data generation)
   * @param mseByLevels reconstruction MSE after 0..levels levels
   */
  public record RqKMeansTiming(int n, int dim, int levels, int k, int threads, double seconds, double[] mseByLevels) {}

  /** Throughput of a text encoder (no cache). */
  public record EncoderTiming(String model, int texts, double seconds, double textsPerSecond) {}

  /**
   * Random but clustered vectors: {@code clusters} Gaussian centres (per-coordinate sd {@code 1/sqrt(dim)}),
   * each point = a random centre + noise with sd {@code 0.5/sqrt(dim)}; row-major {@code n × dim}.
   */
  public static float[] clusteredVectors(int n, int dim, int clusters, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double s = 1 / Math.sqrt(dim);
    float[] centres = new float[clusters * dim];
    for (int i = 0; i < centres.length; i++) centres[i] = (float) (gauss(r) * s);
    float[] x = new float[n * dim];
    for (int i = 0; i < n; i++) {
      int c = r.nextInt(clusters);
      for (int t = 0; t < dim; t++) x[i * dim + t] = centres[c * dim + t] + (float) (gauss(r) * 0.5 * s);
    }
    return x;
  }

  private static double gauss(SplittableRandom r) {
    // Box-Muller (SplittableRandom has no nextGaussian on Java 17)
    double u = 1.0 - r.nextDouble();
    double v = r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Times RQ-KMeans on {@code n × dim} clustered vectors with {@code levels × k} codes. */
  public static RqKMeansTiming rqKMeans(int n, int dim, int levels, int k, int threads, long seed) {
    float[] x = clusteredVectors(n, dim, 4 * k, seed);
    int[] sizes = new int[levels];
    java.util.Arrays.fill(sizes, k);
    RqKMeansQuantizer q = new RqKMeansQuantizer(sizes, seed, threads);
    long t0 = System.nanoTime();
    Quantization res = q.quantize(x, n, dim, LOG::info);
    double secs = (System.nanoTime() - t0) / 1e9;
    int th = threads <= 0 ? Runtime.getRuntime().availableProcessors() : threads;
    return new RqKMeansTiming(n, dim, levels, k, th, secs, res.mseByLevels());
  }

  /** Synthetic item-like texts (title-ish word combinations plus genres), deterministic. */
  public static List<String> sampleTexts(int count, long seed) {
    String[] words = {"night", "return", "city", "love", "war", "star", "dark", "lost", "king", "secret", "river",
        "summer", "ghost", "road", "last", "golden", "island", "storm", "heart", "shadow", "dream", "iron", "wild",
        "house", "blood", "winter", "garden", "silent", "broken", "empire", "journey", "machine", "ocean", "fire"};
    String[] genres = {"Action", "Adventure", "Animation", "Children", "Comedy", "Crime", "Documentary", "Drama",
        "Fantasy", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western"};
    SplittableRandom r = new SplittableRandom(seed);
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      StringBuilder sb = new StringBuilder("The");
      int nw = 1 + r.nextInt(4);
      for (int w = 0; w < nw; w++) sb.append(' ').append(words[r.nextInt(words.length)]);
      sb.append(" (").append(1950 + r.nextInt(70)).append(") | genres: ");
      int ng = 1 + r.nextInt(3);
      for (int g = 0; g < ng; g++) sb.append(g == 0 ? "" : ", ").append(genres[r.nextInt(genres.length)]);
      out.add(sb.toString());
    }
    return out;
  }

  /** Encodes {@code texts} once (after a short warm-up) and reports texts/s. */
  public static EncoderTiming encoder(TextEncoder enc, List<String> texts, int batchSize) {
    enc.encode(texts.subList(0, Math.min(32, texts.size())));
    Progress p = Progress.builder("encoding").total(texts.size()).unit("texts").build();
    long t0 = System.nanoTime();
    for (int i = 0; i < texts.size(); i += batchSize) {
      List<String> batch = texts.subList(i, Math.min(texts.size(), i + batchSize));
      enc.encode(batch);
      p.advance(batch.size());
    }
    p.finish();
    double secs = (System.nanoTime() - t0) / 1e9;
    return new EncoderTiming(enc.modelName(), texts.size(), secs, texts.size() / secs);
  }
}
