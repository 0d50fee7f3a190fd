package org.r2led.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.r2led.io.ToolFile;
import org.r2led.serving.http.ServeBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code r2led bench serve}: latency and throughput of the HTTP service on loopback. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Load-test the scoring service on loopback: start it in-process on a temporary store (or use --url), "
        + "post synthetic users with histories of the given lengths (ingestion events/s), then measure POST /v1/score "
        + "latency p50/p90/p99 and requests/s at each concurrency for a fixed time; a 503 with Retry-After (load shed) is counted "
        + "apart and the client waits as told, any other non-200 answer is an error; --burst N then fires waves of N simultaneous "
        + "requests. "
        + "Prints a table and writes serve-bench.json and serve-bench.md.")
public final class BenchServeCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, description = "model directory written by `r2led export` (items are drawn from its vocabulary)")
  Path model;

  @Option(names = "--url", description = "a running service, e.g. http://127.0.0.1:8080 (default: start one in-process)")
  URI url;

  @Option(names = "--history", split = ",", defaultValue = "1000", description = "events per synthetic user, one or more (default: ${DEFAULT-VALUE})")
  List<Integer> histories;

  @Option(names = "--candidates", defaultValue = "100", description = "candidates per score request (default: ${DEFAULT-VALUE})")
  int candidates;

  @Option(names = "--concurrency", split = ",", defaultValue = "1,4", description = "concurrent clients, one or more (default: ${DEFAULT-VALUE})")
  List<Integer> concurrency;

  @Option(names = "--burst", defaultValue = "0", description = "then fire waves of this many simultaneous score requests "
      + "(one connection each, one client thread), 0 for none (default: ${DEFAULT-VALUE})")
  int burst;

  @Option(names = "--bursts", defaultValue = "10", description = "measured waves of --burst, 1 s apart (default: ${DEFAULT-VALUE})")
  int bursts;

  @Option(names = "--seconds", defaultValue = "10", description = "measured seconds per history length and concurrency (default: ${DEFAULT-VALUE})")
  double seconds;

  @Option(names = "--warmup", defaultValue = "2", description = "unmeasured seconds before each measurement (default: ${DEFAULT-VALUE})")
  double warmup;

  @Option(names = "--events-batch", defaultValue = "100", description = "events per POST /v1/events while loading users (default: ${DEFAULT-VALUE})")
  int eventsBatch;

  @Option(names = "--users", defaultValue = "10", description = "synthetic users per history length (default: ${DEFAULT-VALUE})")
  int users;

  @Mixin ScoringThreadOptions threads;

  @Option(names = "--seed", defaultValue = "42", description = "seed of the synthetic users and requests (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--out", defaultValue = "out/bench-serve", description = "directory for serve-bench.json and serve-bench.md (default: ${DEFAULT-VALUE})")
  Path out;

  /** Keys that identify serve-bench.json as this command's (a file without them is the user's and is refused). */
  static final List<String> JSON_KEYS = List.of("date", "model", "modelId", "options");

  @Override
  public Integer call() throws IOException {
    if (candidates < 1 || candidates > 1000) throw new IllegalArgumentException("--candidates must be in 1..1000, got " + candidates);
    if (users < 1 || eventsBatch < 1 || eventsBatch > 10_000) throw new IllegalArgumentException("--users must be ≥ 1 and --events-batch in 1..10000");
    if (!(seconds > 0) || seconds > 3600 || warmup < 0 || warmup > 600) throw new IllegalArgumentException("--seconds must be in (0, 3600], --warmup in [0, 600]");
    for (int h : histories) if (h < 1 || h > 1_000_000) throw new IllegalArgumentException("--history must be in 1..1000000, got " + h);
    if (burst < 0 || burst > 5000 || bursts < 1 || bursts > 1000) throw new IllegalArgumentException("--burst must be in 0..5000, --bursts in 1..1000");
    for (int c : concurrency) if (c < 1 || c > 1000) throw new IllegalArgumentException("--concurrency must be in 1..1000, got " + c);
    if (url == null) threads.applyIntraOp();
    // refuse a user's file of the same name before measuring, not after
    ToolFile jsonFile = ToolFile.json(out.resolve("serve-bench.json"), JSON_KEYS).checked();
    ToolFile mdFile = ToolFile.markdown(out.resolve("serve-bench.md"), "bench serve", h -> h.startsWith("# bench serve\n")).checked();
    ServeBench.Result r = ServeBench.run(new ServeBench.Options(model, url, histories, candidates, concurrency, seconds, warmup,
        eventsBatch, users, threads.serverOptions(), burst, bursts, seed), System.err);
    String md = ServeBench.toMarkdown(r);
    Files.createDirectories(jsonFile.path().getParent());
    jsonFile.write(ServeBench.toJson(r).getBytes(StandardCharsets.UTF_8));
    mdFile.write((ToolFile.markdownHeader("bench serve") + "\n" + md).getBytes(StandardCharsets.UTF_8));
    System.out.println(md);
    System.out.println("written: " + jsonFile.path() + ", " + mdFile.path());
    long errors = r.scoring().stream().mapToLong(ServeBench.Cell::errors).sum() + r.ingestion().stream().mapToLong(ServeBench.Ingest::errors).sum()
        + r.bursts().stream().mapToLong(ServeBench.Burst::errors).sum();
    return errors == 0 ? 0 : 1;
  }
}
