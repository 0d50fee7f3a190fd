package org.r2led.bench.seqrec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.r2led.nextitem.RankingReport;
import org.r2led.seqrec.SeqRecMetrics;
import org.r2led.train.Convergence;

/** Result tables of {@link SeqRecBench}: mean ± sample std over seeds per (backbone, variant), per protocol. */
final class SeqRecTables {
  private SeqRecTables() {}

  private static final String[] PROTOCOLS = {"full_catalog", "sampled_100"};

  static RankingReport protocol(SeqRecMetrics m, String p) { return p.equals("full_catalog") ? m.fullCatalog() : m.sampled(); }

  /** A RankingReport from its metrics.json form. */
  static RankingReport report(Map<String, Object> m) {
    TreeMap<Integer, Double> hr = new TreeMap<>();
    TreeMap<Integer, Double> ndcg = new TreeMap<>();
    for (int k : SeqRecMetrics.CUTOFFS) {
      hr.put(k, ((Number) m.get("HR@" + k)).doubleValue());
      ndcg.put(k, ((Number) m.get("NDCG@" + k)).doubleValue());
    }
    return new RankingReport(String.valueOf(m.get("protocol")), ((Number) m.get("users")).intValue(), hr, hr, ndcg);
  }

  /** Rows grouped by (backbone, variant) in first-seen order. */
  static Map<String, List<SeqRecBench.Row>> groups(List<SeqRecBench.Row> rows) {
    Map<String, List<SeqRecBench.Row>> g = new LinkedHashMap<>();
    for (SeqRecBench.Row r : rows) g.computeIfAbsent(r.backbone() + "\t" + r.variant(), x -> new ArrayList<>()).add(r);
    return g;
  }

  static double[] meanStd(List<SeqRecBench.Row> rs, ToDoubleFunction<SeqRecBench.Row> f) {
    double s = 0;
    for (SeqRecBench.Row r : rs) s += f.applyAsDouble(r);
    double mean = s / rs.size();
    double v = 0;
    for (SeqRecBench.Row r : rs) v += Math.pow(f.applyAsDouble(r) - mean, 2);
    return new double[] {mean, rs.size() > 1 ? Math.sqrt(v / (rs.size() - 1)) : 0};
  }

  static String markdown(Path data, List<SeqRecBench.Row> rows, List<String> settings) {
    StringBuilder sb = new StringBuilder();
    sb.append("# Sequential recommendation: plain vs DMESR\n\n");
    sb.append("- data: `").append(data).append("`, next-item protocol (leave last out), test targets\n");
    sb.append("- settings: ").append(settings.isEmpty() ? "defaults" : "`" + String.join(" ", settings) + "`").append('\n');
    sb.append("- mean ± std over seeds (n per row in the seeds column; one seed: its value alone)\n\n");
    for (String p : PROTOCOLS) {
      String name = rows.isEmpty() ? p : protocol(rows.get(0).test(), p).protocol();
      sb.append("## Candidates: ").append(name).append("\n\n");
      sb.append("| backbone | variant |");
      for (int k : SeqRecMetrics.CUTOFFS) sb.append(" HR@").append(k).append(" |");
      for (int k : SeqRecMetrics.CUTOFFS) sb.append(" NDCG@").append(k).append(" |");
      sb.append(" seeds | ").append(Convergence.HEADING).append(" |\n|---|---|");
      for (int i = 0; i < 2 * SeqRecMetrics.CUTOFFS.length; i++) sb.append("---:|");
      sb.append("---:|---|\n");
      for (Map.Entry<String, List<SeqRecBench.Row>> e : groups(rows).entrySet()) {
        String[] bv = e.getKey().split("\t");
        sb.append("| ").append(bv[0]).append(" | ").append(bv[1]).append(" |");
        int n = e.getValue().size();
        for (int k : SeqRecMetrics.CUTOFFS) cell(sb, meanStd(e.getValue(), r -> protocol(r.test(), p).hr(k)), n);
        for (int k : SeqRecMetrics.CUTOFFS) cell(sb, meanStd(e.getValue(), r -> protocol(r.test(), p).ndcg(k)), n);
        sb.append(' ').append(e.getValue().size()).append(" | ").append(Convergence.column(convergence(e.getValue()))).append(" |\n");
      }
      sb.append('\n');
    }
    sb.append(Convergence.note(convergence(rows))).append('\n');
    sb.append("## DMESR − plain, test NDCG@10 (mean over seeds)\n\n| backbone | variant | full catalog | 100 sampled negatives |\n|---|---|---:|---:|\n");
    Map<String, List<SeqRecBench.Row>> g = groups(rows);
    for (Map.Entry<String, List<SeqRecBench.Row>> e : g.entrySet()) {
      String[] bv = e.getKey().split("\t");
      List<SeqRecBench.Row> plain = g.get(bv[0] + "\tplain");
      if (bv[1].equals("plain") || plain == null) continue;
      sb.append("| ").append(bv[0]).append(" | ").append(bv[1]).append(" |");
      for (String p : PROTOCOLS) {
        double d = meanStd(e.getValue(), r -> protocol(r.test(), p).ndcg(10))[0] - meanStd(plain, r -> protocol(r.test(), p).ndcg(10))[0];
        sb.append(String.format(Locale.ROOT, " %+.4f |", d));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static List<Convergence> convergence(List<SeqRecBench.Row> rows) {
    return rows.stream().map(SeqRecBench.Row::convergence).toList();
  }

  /** {@code mean ± std}, or the value alone for one seed (whose spread is unknown, not 0). */
  private static void cell(StringBuilder sb, double[] ms, int seeds) {
    sb.append(seeds > 1 ? String.format(Locale.ROOT, " %.4f ± %.4f |", ms[0], ms[1]) : String.format(Locale.ROOT, " %.4f |", ms[0]));
  }

  static String csv(List<SeqRecBench.Row> rows) {
    StringBuilder sb = new StringBuilder("backbone,variant,seed,protocol,metric,k,value,best_epoch,last_epoch,best_at_last_eval\n");
    for (SeqRecBench.Row r : rows) {
      Convergence c = r.convergence();
      String conv = c == null ? ",," : String.format(Locale.ROOT, "%d,%d,%b", c.bestEpoch(), c.lastEpoch(), c.bestAtLastEval());
      for (String p : PROTOCOLS) {
        RankingReport rep = protocol(r.test(), p);
        for (int k : SeqRecMetrics.CUTOFFS) {
          for (String metric : new String[] {"HR", "NDCG"}) {
            double v = metric.equals("HR") ? rep.hr(k) : rep.ndcg(k);
            sb.append(String.format(Locale.ROOT, "%s,%s,%d,%s,%s,%d,%.6f,%s%n", r.backbone(), r.variant(), r.seed(), p, metric, k, v, conv));
          }
        }
      }
    }
    return sb.toString();
  }

  static List<Map<String, Object>> summary(List<SeqRecBench.Row> rows) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map.Entry<String, List<SeqRecBench.Row>> e : groups(rows).entrySet()) {
      String[] bv = e.getKey().split("\t");
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("backbone", bv[0]);
      m.put("variant", bv[1]);
      m.put("seeds", e.getValue().size());
      for (String p : PROTOCOLS) {
        Map<String, Object> pm = new LinkedHashMap<>();
        pm.put("protocol", protocol(e.getValue().get(0).test(), p).protocol());
        for (int k : SeqRecMetrics.CUTOFFS) {
          double[] h = meanStd(e.getValue(), r -> protocol(r.test(), p).hr(k));
          double[] n = meanStd(e.getValue(), r -> protocol(r.test(), p).ndcg(k));
          pm.put("HR@" + k, Map.of("mean", h[0], "std", h[1]));
          pm.put("NDCG@" + k, Map.of("mean", n[0], "std", n[1]));
        }
        m.put(p, pm);
      }
      m.put("samples_per_second", meanStd(e.getValue(), SeqRecBench.Row::samplesPerSecond)[0]);
      m.put("convergence", convergence(e.getValue()));
      m.put("capped_seeds", Convergence.capped(convergence(e.getValue())));
      out.add(m);
    }
    return out;
  }
}
