package org.r2led.seqrec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.r2led.data.PreparedDataset;
import org.r2led.sid.embed.FileEmbedder;
import org.r2led.sid.embed.ItemEmbeddings;
import org.r2led.sid.embed.TextEmbedder;
import org.r2led.sid.embed.TokenLevelEncoder;

/**
 * Builds {@link ItemViews} for a prepared dataset from a view list ({@link SeqRecKeys#VIEWS}):
 * <ul>
 *   <li>{@code title_genres}, {@code tags}, {@code category}, {@code text}: the item-text field
 *       ({@link ItemTextFields}; {@code text} = the whole text) encoded in-process by the sentence encoder
 *       (pooled [CLS] vector), cached by text hash; an item whose field is empty lacks the view;</li>
 *   <li>{@code file:PATH}: a vector file in the documented format (docs/semantic-ids.md, {@code sid embed}):
 *       one line per item, raw item id then floats; items may be left out (a missing view). This is
 *       where a team plugs in its multimodal LLM's outputs (e.g. image descriptions, text summaries).</li>
 * </ul>
 * The fine view is always the encoder's token-level outputs of the whole item text, cached on disk.
 */
public final class ItemViewBuilder {
  private ItemViewBuilder() {}

  /** The views named by {@code spec} (comma-separated, or {@code auto}) for {@code ds}. */
  public static ItemViews build(PreparedDataset ds, String spec, int maxFineTokens, Supplier<TokenLevelEncoder> encoder,
      Path cacheDir) {
    List<String> texts = ds.itemTexts();
    List<String> rawIds = ds.itemRawIds();
    List<String> catNames = ds.categoryRawIds();
    List<String> names = resolve(spec, texts);
    TokenLevelEncoder enc = null;
    List<ItemViews.Coarse> coarse = new ArrayList<>();
    int n = ds.numItems();
    for (String name : names) {
      if (name.startsWith("file:")) {
        FileEmbedder.Partial p = FileEmbedder.readPartial(Path.of(name.substring(5)), rawIds);
        ItemEmbeddings v = p.vectors();
        coarse.add(new ItemViews.Coarse(name, v.source(), v.dim(), rows(v), p.present()));
        continue;
      }
      List<String> field = new ArrayList<>(n + 1);
      field.add(null);
      for (int i = 1; i <= n; i++) {
        List<String> cats = new ArrayList<>();
        for (int c : ds.itemCategories(i)) if (c > 0 && c < catNames.size()) cats.add(catNames.get(c));
        field.add(switch (name) {
          case "title_genres" -> ItemTextFields.titleGenres(texts.get(i), cats);
          case "tags" -> ItemTextFields.tags(texts.get(i));
          case "category" -> ItemTextFields.category(cats);
          case "text" -> blankToNull(texts.get(i));
          default -> throw new IllegalArgumentException("views: unknown view '" + name
              + "'; expected title_genres, tags, category, text or file:PATH");
        });
      }
      if (enc == null) enc = encoder.get();
      coarse.add(encodeField(name, field, rawIds, enc, cacheDir));
    }
    if (enc == null) enc = encoder.get();
    List<String> fineTexts = new ArrayList<>(texts.size());
    for (String t : texts) fineTexts.add(blankToNull(t));
    fineTexts.set(0, null);
    ItemViews.Fine fine = FineTokenCache.load(fineTexts, enc, maxFineTokens, cacheDir);
    return new ItemViews(n, coarse, fine);
  }

  /** The view names of {@code spec}; {@code auto} = title_genres,tags when texts carry tags, else title_genres,category. */
  static List<String> resolve(String spec, List<String> texts) {
    String s = spec.strip();
    if (s.equals("auto")) return ItemTextFields.anyTags(texts) ? List.of("title_genres", "tags") : List.of("title_genres", "category");
    List<String> out = new ArrayList<>();
    for (String part : s.split(",")) {
      String p = part.strip();
      if (p.isEmpty()) throw new IllegalArgumentException("views: empty entry in '" + spec + "'");
      if (out.contains(p)) throw new IllegalArgumentException("views: '" + p + "' listed twice in '" + spec + "'");
      out.add(p);
    }
    return out;
  }

  private static ItemViews.Coarse encodeField(String name, List<String> field, List<String> rawIds, TokenLevelEncoder enc,
      Path cacheDir) {
    int n = field.size() - 1;
    boolean[] present = new boolean[n + 1];
    List<String> sub = new ArrayList<>();
    List<String> subIds = new ArrayList<>();
    List<Integer> items = new ArrayList<>();
    sub.add(null);
    subIds.add(null);
    for (int i = 1; i <= n; i++) {
      if (field.get(i) == null) continue;
      present[i] = true;
      sub.add(field.get(i));
      subIds.add(rawIds.get(i));
      items.add(i);
    }
    int dim = enc.dim();
    float[] rows = new float[(n + 1) * dim];
    if (!items.isEmpty()) {
      ItemEmbeddings e = new TextEmbedder(enc, cacheDir.resolve("text-embeddings"), 256)
          .embedTexts(sub, subIds, Path.of("items/text.txt (" + name + ")"));
      for (int k = 0; k < items.size(); k++) System.arraycopy(e.row(k + 1), 0, rows, items.get(k) * dim, dim);
    }
    return new ItemViews.Coarse(name, "text:" + enc.modelName() + " (" + name + ")", dim, rows, present);
  }

  private static float[] rows(ItemEmbeddings v) {
    float[] r = new float[(v.numItems() + 1) * v.dim()];
    System.arraycopy(v.itemMatrix(), 0, r, v.dim(), v.numItems() * v.dim());
    return r;
  }

  private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s; }

}
