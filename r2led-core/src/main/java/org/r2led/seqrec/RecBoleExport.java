package org.r2led.seqrec;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.r2led.data.PreparedDataset;
import org.r2led.data.Split;
import org.r2led.io.AtomicFiles;
import org.r2led.io.Json;
import org.r2led.io.StagedDir;
import org.r2led.nextitem.NextItemData;
import org.r2led.nextitem.NextItemProtocol;
import org.r2led.nextitem.UserSequence;

/**
 * Writes the next-item protocol's sequences ({@link NextItemProtocol}) as RecBole atomic files, so an
 * independent toolkit trains and evaluates on exactly our splits (docs/seqrec.md, "Referee: RecBole"):
 *
 * <ul>
 *   <li>{@code NAME.inter} — {@code user_id:token item_id:token timestamp:float}, one line per positive
 *       (after our filtering and repeat collapsing), users in dense-id order, each user's positives in our
 *       order. The timestamp is the position in that order (0, 1, ...), so a leave-one-out split ordered by
 *       time ({@code order: TO}) reproduces ours exactly: last positive test, the one before validation.</li>
 *   <li>{@code NAME.item} — {@code item_id:token}, every catalog item (1..N), so the full-catalog ranking runs
 *       over our catalog, including items that never occur as a positive.</li>
 *   <li>{@code targets.tsv} — {@code user valid_item test_item} of every user with held-out targets, to check
 *       the toolkit's split against ours.</li>
 *   <li>{@code split.json} — the source, what counts as a positive, the counts and the protocol.</li>
 * </ul>
 *
 * Tokens are our dense ids (users 0-based, items 1-based, the prepared dataset's numbering).
 */
public final class RecBoleExport {
  private RecBoleExport() {}

  public static final String TARGETS_FILE = "targets.tsv";
  public static final String SPLIT_FILE = "split.json";
  static final StagedDir.Kind KIND = StagedDir.Kind.of("recbole-export");

  /** What was written. */
  public record Result(Path dir, String name, int users, int heldOutUsers, long interactions, int items, long trainTargets) {}

  /** Loads {@code dataDir} under the next-item protocol and exports it into {@code outDir} as dataset {@code name}. */
  public static Result export(Path dataDir, Path outDir, String name) {
    PreparedDataset ds = PreparedDataset.open(dataDir);
    return export(NextItemProtocol.load(ds), outDir, name);
  }

  /**
   * Exports {@code data} into {@code outDir} (all or nothing: staged, then swapped in). RecBole reads dataset
   * {@code name} from {@code data_path/name/name.inter}, so {@code name} defaults to the directory's name.
   */
  public static Result export(NextItemData data, Path outDir, String name) {
    checkName(name);
    try (StagedDir out = StagedDir.open(outDir, KIND)) {
      Path dir = out.stage();
      Result r = write(data, dir, name);
      out.commit();
      return new Result(outDir, name, r.users(), r.heldOutUsers(), r.interactions(), r.items(), r.trainTargets());
    }
  }

  /** RecBole dataset names become file names: letters, digits, '-', '_' and '.' only, not starting with '.'. */
  static void checkName(String name) {
    if (name == null || name.isEmpty() || name.startsWith(".") || !name.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("--name '" + name + "': expected a dataset name of letters, digits, '-', '_' "
          + "or '.' (not starting with '.'), which RecBole uses as the file names NAME.inter and NAME.item");
    }
  }

  private static Result write(NextItemData data, Path dir, String name) {
    int users = 0;
    int heldOut = 0;
    long interactions = 0;
    for (UserSequence s : data.sequences()) {
      if (s.length() == 0) continue;
      users++;
      interactions += s.length();
      if (s.hasHeldOut()) heldOut++;
    }
    long trainTargets = data.examples(Split.TRAIN).size();
    write(dir.resolve(name + ".inter"), out -> {
      StringBuilder b = new StringBuilder("user_id:token\titem_id:token\ttimestamp:float\n");
      for (UserSequence s : data.sequences()) {
        for (int p = 0; p < s.length(); p++) {
          b.append(s.user()).append('\t').append(s.item(p)).append('\t').append(p).append('\n');
        }
        if (b.length() > 1 << 16) flush(b, out);
      }
      flush(b, out);
    });
    write(dir.resolve(name + ".item"), out -> {
      StringBuilder b = new StringBuilder("item_id:token\n");
      for (int i = 1; i <= data.numItems(); i++) b.append(i).append('\n');
      flush(b, out);
    });
    write(dir.resolve(TARGETS_FILE), out -> {
      StringBuilder b = new StringBuilder("user\tvalid_item\ttest_item\n");
      for (UserSequence s : data.sequences()) {
        if (!s.hasHeldOut()) continue;
        b.append(s.user()).append('\t').append(s.item(s.length() - 2)).append('\t').append(s.item(s.length() - 1)).append('\n');
      }
      flush(b, out);
    });
    Map<String, Object> split = new LinkedHashMap<>();
    split.put("source", data.source());
    split.put("name", name);
    split.put("positives", data.positives());
    split.put("files", List.of(name + ".inter", name + ".item", TARGETS_FILE));
    split.put("tokens", "our dense ids: users 0-based, items 1-based (the prepared dataset's numbering)");
    split.put("timestamp", "position of the positive in the user's sequence under our order (0 = oldest), not a time");
    split.put("protocol", "per user the positives in time order (ties by item id), consecutive repeats collapsed; the last "
        + "positive is the test target, the one before it the validation target, every earlier position p >= 1 a training "
        + "target (history: the positions before it); users with fewer than " + NextItemProtocol.MIN_POSITIVES
        + " positives have training targets only. RecBole: eval_args split {LS: valid_and_test}, order TO, group_by user.");
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("users", users);
    counts.put("users_with_test_target", heldOut);
    counts.put("items", data.numItems());
    counts.put("interactions", interactions);
    counts.put("train_targets", trainTargets);
    split.put("counts", counts);
    Json.write(dir.resolve(SPLIT_FILE), split);
    return new Result(dir, name, users, heldOut, interactions, data.numItems(), trainTargets);
  }

  private interface Body {
    void write(OutputStream out) throws IOException;
  }

  private static void write(Path file, Body body) {
    try {
      Files.createDirectories(file.getParent());
      AtomicFiles.write(file, body::write);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static void flush(StringBuilder b, OutputStream out) throws IOException {
    out.write(b.toString().getBytes(StandardCharsets.US_ASCII));
    b.setLength(0);
  }
}
