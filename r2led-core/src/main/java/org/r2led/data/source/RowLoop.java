package org.r2led.data.source;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;
import org.r2led.io.Progress;

/**
 * Reads every data record of a {@link RowSource}, routing malformed records ({@link Numbered#problem()})
 * and {@link RowProblem}s to a {@link BadRows} policy, which also bounds the share of skipped rows per file.
 */
final class RowLoop {
  private RowLoop() {}

  /** Result of one pass: data rows seen (valid or not) and rows skipped as bad. */
  record Pass(long rows, long skipped) {}

  /**
   * Reads the header row (when {@code header} is non-null it is checked: called with the row, it
   * throws {@link RowProblem} to reject it — a bad header is never skippable), then every data row.
   */
  static <R extends Numbered> Pass run(RowSource<R> r, Consumer<R> header, BadRows bad, PrintStream log,
      Consumer<R> handler) {
    Progress progress = Progress.builder("  " + r.name()).total(r.size()).unit("bytes").out(log).build();
    long before = bad.count();
    if (header != null) checkHeader(r, header);
    long rows = 0;
    R row;
    while ((row = r.next()) != null) {
      rows++;
      try {
        if (row.problem() != null) throw new RowProblem(row.problem());
        handler.accept(row);
      } catch (RowProblem e) {
        bad.report(r.name(), row.line(), e.getMessage(), row.text());
      }
      if ((rows & 1023) == 0) {
        long n = rows;
        progress.update(r.bytesRead(), () -> rowsText(n, progress.elapsedSeconds()));
      }
    }
    long skipped = bad.count() - before;
    progress.update(r.bytesRead());
    progress.finish(rowsText(rows, progress.elapsedSeconds())
        + (skipped > 0 ? String.format(Locale.ROOT, ", %,d bad rows skipped", skipped) : ""));
    bad.checkShare(r.name(), rows, skipped);
    return new Pass(rows, skipped);
  }

  /** Reads and checks the header row: an empty file or a rejected header is a {@link BadInputException}. */
  static <R extends Numbered> void checkHeader(RowSource<R> r, Consumer<R> header) {
    R h = r.next();
    if (h == null) {
      throw new BadInputException(r.name(), 1, "file is empty (expected a header row)", "");
    }
    try {
      if (h.problem() != null) throw new RowProblem(h.problem());
      header.accept(h);
    } catch (RowProblem e) {
      throw new BadInputException(r.name(), h.line(), e.getMessage(), h.text());
    }
  }

  private static String rowsText(long rows, double seconds) {
    return String.format(Locale.ROOT, "%,d rows (%,.0f rows/s)", rows, rows / Math.max(seconds, 1e-9));
  }

  /** Header check requiring exactly these column names (trimmed, case-sensitive) in this order. */
  static EventsFile.HeaderCheck expectHeader(String... names) {
    return h -> {
      boolean ok = h.size() == names.length;
      for (int i = 0; ok && i < names.length; i++) ok = h.get(i).trim().equals(names[i]);
      if (!ok) throw new RowProblem("unexpected header (expected " + String.join(",", names) + ")");
    };
  }
}
