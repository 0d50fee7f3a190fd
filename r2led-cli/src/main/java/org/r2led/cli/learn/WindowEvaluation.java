package org.r2led.cli.learn;

import java.util.ArrayList;
import java.util.List;
import org.r2led.eval.Metrics;
import org.r2led.serving.ScoringModel;
import org.r2led.serving.store.Event;
import org.r2led.serving.store.EventStore;
import org.r2led.serving.store.Impression;
import org.r2led.serving.store.StoredHistory;

/**
 * AUC and LogLoss of a model on the store's labeled impressions in a time window, scored as the service scores:
 * each impression's history is the user's stored events strictly before its time (the model's most recent
 * {@link ScoringModel#historyWindow} of them), the request time is the impression's, and an item or category
 * the model does not know scores through its out-of-vocabulary row.
 */
public final class WindowEvaluation {
  private WindowEvaluation() {}

  /** AUC and LogLoss over {@code samples} shown items of which {@code positives} were clicked. */
  public record Result(double auc, double logLoss, int samples, int positives) {}

  /** The labels of the labeled impressions in {@code [from, to)}, in store order. */
  public static List<Impression> impressions(EventStore store, long from, long to) {
    List<Impression> out = new ArrayList<>();
    store.forEachImpression(from, to, m -> {
      if (m.labeled()) out.add(m);
    });
    return out;
  }

  public static Result evaluate(ScoringModel model, EventStore store, List<Impression> impressions) {
    int n = 0;
    for (Impression m : impressions) n += m.items().size();
    float[] p = new float[n];
    int[] y = new int[n];
    int at = 0;
    int positives = 0;
    for (Impression m : impressions) {
      List<Event> before = store.historyBefore(m.user(), m.ts());
      int w = model.historyWindow();
      List<Event> recent = w >= before.size() ? before : before.subList(before.size() - w, before.size());
      float[] s = model.score(new ScoringModel.Request(StoredHistory.of(recent, model.manifest().behaviors()), m.items(), null, m.ts()));
      for (int k = 0; k < s.length; k++, at++) {
        p[at] = s[k];
        y[at] = m.label(k);
        positives += y[at];
      }
    }
    return new Result(Metrics.auc(p, y), Metrics.logLoss(p, y), n, positives);
  }
}
