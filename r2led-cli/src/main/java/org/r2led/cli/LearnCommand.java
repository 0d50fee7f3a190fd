package org.r2led.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.r2led.cli.learn.CycleRecord;
import org.r2led.cli.learn.LearnState;
import org.r2led.cli.learn.Learner;
import org.r2led.cli.learn.Reloader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code r2led learn}: continuous learning from the store's impressions, one guarded cycle at a time. */
@Command(name = "learn", mixinStandardHelpOptions = true, subcommands = LearnCommand.Rollback.class,
    description = "Learn from the labeled impressions a service stored: samples since the last cycle -> warm start from the "
        + "current model -> candidate and current scored on the latest window neither trained on -> the candidate is promoted "
        + "(state.json, /admin/reload) only if its AUC >= the current AUC - --margin. One cycle with --once, a loop with "
        + "--every (docs/serving.md, Continuous learning).")
public final class LearnCommand implements Callable<Integer> {
  @Option(names = "--store", description = "event store directory (read beside a running service)")
  Path store;

  @Option(names = "--model", description = "exported model the learner starts from (version v0)")
  Path model;

  @Option(names = "--work", description = "the learner's directory: state.json, versions/, cycles.jsonl")
  Path work;

  @Option(names = "--items", description = "catalog of item texts (csv with the columns item and text): a new item's Semantic ID "
      + "is coded from its text; a new item it does not list takes the fallback code")
  Path items;

  @Option(names = "--url", description = "service to reload after a promotion and to report each cycle to (its /metrics), "
      + "e.g. http://127.0.0.1:8080")
  String url;

  @Option(names = "--auth-token-file", description = "bearer token of the service (as for `serve`)")
  Path tokenFile;

  @Option(names = "--margin", defaultValue = "0.002", description = "promote iff candidate AUC >= current AUC - margin (default: ${DEFAULT-VALUE})")
  double margin;

  @Option(names = "--keep", defaultValue = "5", description = "versions kept, the current one included (default: ${DEFAULT-VALUE})")
  int keep;

  @Option(names = "--eval-share", defaultValue = "0.2", description = "share of the latest labeled impressions of the window "
      + "in the evaluation window (default: ${DEFAULT-VALUE})")
  double evalShare;

  @Option(names = "--min-samples", defaultValue = "200", description = "fewest shown items a window needs (default: ${DEFAULT-VALUE})")
  int minSamples;

  @Option(names = "--min-positives", defaultValue = "10", description = "fewest clicks a window needs (default: ${DEFAULT-VALUE})")
  int minPositives;

  @Option(names = "--epochs", defaultValue = "2", description = "warm-start epochs, with early stopping (default: ${DEFAULT-VALUE})")
  int epochs;

  @Option(names = "--set", description = "training config override for the warm start, e.g. --set learning_rate=5e-4 (repeatable)")
  List<String> sets = new ArrayList<>();

  @Option(names = "--once", description = "run one cycle and exit (for cron)")
  boolean once;

  @Option(names = "--every", description = "run a cycle every DURATION (e.g. 30m, 6h, 1d, 90s)")
  String every;

  @Option(names = "--now", hidden = true, description = "end of the window, Unix seconds (default: the current time)")
  Long now;

  private final Learner.StepListener steps;

  public LearnCommand() { this(step -> { }); }

  /** A command whose cycles report their steps to {@code steps} (crash tests stop the process at one). */
  LearnCommand(Learner.StepListener steps) { this.steps = steps; }

  @Override
  public Integer call() throws InterruptedException {
    if (store == null || model == null || work == null) throw new IllegalArgumentException("learn needs --store, --model and --work");
    if (once == (every != null)) throw new IllegalArgumentException("give exactly one of --once and --every DURATION");
    long period = every == null ? 0 : seconds(every);
    List<String> train = new ArrayList<>(List.of("epochs=" + epochs));
    train.addAll(sets);
    Learner learner = new Learner(new Learner.Settings(store, model, work, items, url == null ? null : new Reloader(url, tokenFile),
        margin, keep, evalShare, minSamples, minPositives, train), steps);
    System.out.println(CycleRecord.MARKDOWN_HEADER);
    while (true) {
      long start = System.currentTimeMillis();
      if (once) {
        System.out.println(learner.cycle(now != null ? now : start / 1000).markdown());
        return 0;
      }
      try {
        System.out.println(learner.cycle(start / 1000).markdown());
      } catch (RuntimeException e) {   // the state is the last promoted one: the next cycle redoes the window
        System.err.println("r2led learn: the cycle failed, retrying in " + every + ": " + e.getMessage());
      }
      Thread.sleep(Math.max(0, period * 1000 - (System.currentTimeMillis() - start)));
    }
  }

  /** {@code 90s}, {@code 30m}, {@code 6h}, {@code 1d} or an ISO-8601 duration ({@code PT6H}) in seconds. */
  static long seconds(String d) {
    try {
      if (d.startsWith("P") || d.startsWith("p")) return java.time.Duration.parse(d).toSeconds();
      long n = Long.parseLong(d.substring(0, d.length() - 1));
      long unit = switch (d.charAt(d.length() - 1)) {
        case 's' -> 1;
        case 'm' -> 60;
        case 'h' -> 3600;
        case 'd' -> 86_400;
        default -> -1;
      };
      if (unit > 0 && n > 0) return n * unit;
    } catch (RuntimeException e) {
      // reported below
    }
    throw new IllegalArgumentException("--every must be a positive duration like 90s, 30m, 6h, 1d or PT6H, got '" + d + "'");
  }

  /** {@code r2led learn rollback}: makes an older kept version current and reloads the service. */
  @Command(name = "rollback", mixinStandardHelpOptions = true,
      description = "Set the learner's current version to an older kept one (default: the one before it) and reload the service.")
  static final class Rollback implements Callable<Integer> {
    @Option(names = "--work", required = true, description = "the learner's directory")
    Path work;

    @Option(names = "--to", description = "version to make current, e.g. v3 (default: the one before the current)")
    String to;

    @Option(names = "--url", description = "service to reload, e.g. http://127.0.0.1:8080")
    String url;

    @Option(names = "--auth-token-file", description = "bearer token of the service")
    Path tokenFile;

    @Override
    public Integer call() {
      if (!Files.exists(work.resolve(LearnState.FILE))) {
        throw new IllegalArgumentException("no " + LearnState.FILE + " in " + work + ": no learn cycle has run there");
      }
      LearnState before = LearnState.read(work, null);
      Learner learner = new Learner(new Learner.Settings(null, Path.of(before.baseModel()), work, null,
          url == null ? null : new Reloader(url, tokenFile), 0, Math.max(1, before.versions().size()), 0.2, 0, 0, List.of()));
      LearnState s = learner.rollback(to);
      System.out.println("current version: " + s.current() + " (was " + before.current() + ")" + (s.reloadPending()
          ? "; the service did not reload it, the next learn cycle retries" : url != null ? "; the service loaded it" : ""));
      return 0;
    }
  }
}
