package org.r2led.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.r2led.recall.RecallRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code r2led retrieve train}: trains a retrieval model on the next-item protocol into a run directory. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train a retrieval model on a prepared dataset's next-item task (leave-last-out) and print its "
        + "validation and test HR/Recall/NDCG@10,50,200 over the full catalog.")
public final class RetrieveTrainCommand implements Callable<Integer> {
  @Option(names = "--data", description = "prepared dataset directory (required unless --resume: then the run's)")
  Path data;

  @Option(names = "--model",
      description = "ulim, popular, item_cooc, youtube_dnn, mind, or an ablation preset (ulim_no_long, "
          + "ulim_self_attention, ulim_no_pointer); `r2led retrieve models` lists them (required unless --resume)")
  String model;

  @Option(names = "--out", required = true, description = "run directory to write")
  Path out;

  @Option(names = "--set", description = "override a key, e.g. --set embedding_dim=64 (repeatable)")
  Map<String, String> set = new LinkedHashMap<>();

  @Option(names = "--seed", description = "random seed (same as --set seed=N)")
  Long seed;

  @Option(names = "--no-progress", description = "do not print training progress")
  boolean noProgress;

  @Option(names = "--resume", description = "continue the neural model's training in --out (paused at max_steps or killed) "
      + "from its last checkpoint; only epochs, min_steps, max_steps, patience and checkpoint_steps may change")
  boolean resume;

  @Override
  public Integer call() {
    Map<String, String> o = new LinkedHashMap<>(set);
    if (seed != null) o.put("seed", String.valueOf(seed));
    if (!resume && (data == null || model == null)) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--data and --model are required (unless --resume)");
    }
    RecallRun.Info info = RecallRun.train(data, model, o, out, !noProgress, resume);
    System.out.println("valid: " + RetrieveEvaluateCommand.format(info.valid()));
    System.out.println("test:  " + RetrieveEvaluateCommand.format(info.test()));
    System.out.println((info.paused() ? "paused (continue with --resume): " : "run: ") + out.toAbsolutePath().normalize());
    return 0;
  }
}
