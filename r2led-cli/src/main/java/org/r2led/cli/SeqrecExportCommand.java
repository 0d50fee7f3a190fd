package org.r2led.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.r2led.seqrec.RecBoleExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code r2led seqrec export}: the next-item splits as RecBole atomic files. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Writes the next-item protocol's sequences as RecBole atomic files, so RecBole trains and evaluates on "
        + "exactly our splits (docs/seqrec.md, \"Referee: RecBole\"):",
        "  NAME.inter   user_id:token item_id:token timestamp:float (timestamp = position in our order)",
        "  NAME.item    item_id:token, every catalog item",
        "  targets.tsv  user valid_item test_item (users with held-out targets)",
        "  split.json   source, positives, counts, protocol",
        "Tokens are dense ids. In RecBole use eval_args split {LS: valid_and_test}, order TO."})
public final class SeqrecExportCommand implements Callable<Integer> {
  @Option(names = "--data", required = true, description = "prepared dataset directory")
  Path data;

  @Option(names = "--out", required = true, description = "output directory (replaced as a whole)")
  Path out;

  @Option(names = "--name", description = "RecBole dataset name, the files' stem (default: the --out directory's name)")
  String name;

  @Override
  public Integer call() {
    String n = name != null ? name : out.toAbsolutePath().normalize().getFileName().toString();
    RecBoleExport.Result r = RecBoleExport.export(data, out, n);
    System.out.printf("exported %d users (%d with validation and test targets), %d items, %d interactions, %d training "
        + "targets to %s (dataset name %s)%n", r.users(), r.heldOutUsers(), r.items(), r.interactions(), r.trainTargets(),
        r.dir(), r.name());
    return 0;
  }
}
