#!/usr/bin/python3
"""A PyTorch referee DIN trained on the TSVs of `r2led export-samples`.

A standard DIN as the widely used PyTorch implementations (DeepCTR-torch, FuxiCTR) build it, so that
our Java DIN can be compared with it on exactly the same samples:

- token of a history event = [item embedding ; category embedding] (2d, concatenated), the target
  likewise; the most recent --hist-len events of each sample's history (oldest -> newest);
- local activation unit: MLP([q, k, q-k, q*k]) -> hidden (64) -> activation (relu or Dice) -> 1,
  no softmax; the interest is the masked weighted sum of the keys;
- DNN [200, 80] relu over [target, interest] (optionally also target*interest) -> logit;
- loss: BCE (mean over the batch, or sum as DeepCTR-torch's fit) + lambda * sum ||W||^2 over the
  WHOLE item and category tables (--emb-l2-scope table; FuxiCTR/DeepCTR meaning) or only over the
  distinct rows of the batch (--emb-l2-scope batch, like a row-sparse optimizer's L2);
- Adam (lr 1e-3), batch 512, d = 32, embeddings N(0, 1e-4^2), dense layers Xavier-normal, zero bias;
- evaluation after each epoch on valid and test (AUC, LogLoss), early stopping on valid AUC; the
  reported result is the epoch with the best valid AUC.

Everything is seeded (torch, numpy); with the same seed and thread count a run is repeatable.
Optional switches reproduce choices of our Java DIN one at a time (summed tokens, time-gap and
behavior features, gradient clipping, learning-rate decay on plateau, training order).

Usage (see scripts/README.md):
  /usr/bin/python3 scripts/din_reference.py --data EXPORT_DIR --out result.json [options]
"""

import argparse
import json
import os
import time

# OpenMP threads that spin while waiting burn ~3x the CPU for the same work on a busy machine; must be
# set before torch loads its OpenMP runtime (does not change results).
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from sklearn.metrics import log_loss, roc_auc_score


# ----------------------------------------------------------------------------------------------
# data


def read_split(path, hist_len, gap_buckets, max_rows=0):
    """Reads samples-<split>.tsv into numpy arrays; histories keep the last hist_len events,
    left-aligned (oldest first) and zero-padded on the right."""
    with open(path, "r", encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        col = {name: i for i, name in enumerate(header)}
        for need in ("user", "label", "item", "category", "hist_items", "hist_categories"):
            if need not in col:
                raise SystemExit(f"{path}: missing column {need} (have {header})")
        has_time = all(c in col for c in ("ts", "hist_behaviors", "hist_ts"))
        users, labels, items, cats, lens = [], [], [], [], []
        hi_rows, hc_rows, hb_rows, hg_rows = [], [], [], []
        ci, cc = col["hist_items"], col["hist_categories"]
        for n, line in enumerate(f):
            if max_rows and n >= max_rows:
                break
            fld = line.rstrip("\n").split("\t")
            users.append(int(fld[col["user"]]))
            labels.append(int(fld[col["label"]]))
            items.append(int(fld[col["item"]]))
            cats.append(int(fld[col["category"]]))
            hi = fld[ci].split()[-hist_len:] if fld[ci] else []
            hc = fld[cc].split()[-hist_len:] if fld[cc] else []
            if len(hi) != len(hc):
                raise SystemExit(f"{path}:{n + 2}: hist_items and hist_categories differ in length")
            lens.append(len(hi))
            hi_rows.append(hi)
            hc_rows.append(hc)
            if has_time:
                hb = fld[col["hist_behaviors"]].split()[-hist_len:] if fld[col["hist_behaviors"]] else []
                ht = fld[col["hist_ts"]].split()[-hist_len:] if fld[col["hist_ts"]] else []
                if len(hb) != len(hi) or len(ht) != len(hi):
                    raise SystemExit(f"{path}:{n + 2}: history columns differ in length")
                t = int(fld[col["ts"]])
                hb_rows.append(hb)
                hg_rows.append([t - int(x) for x in ht])
    n = len(users)
    hist_items = np.zeros((n, hist_len), dtype=np.int64)
    hist_cats = np.zeros((n, hist_len), dtype=np.int64)
    hist_beh = np.zeros((n, hist_len), dtype=np.int64)
    hist_gap = np.zeros((n, hist_len), dtype=np.int64)
    for r in range(n):
        L = lens[r]
        if L:
            hist_items[r, :L] = np.asarray(hi_rows[r], dtype=np.int64)
            hist_cats[r, :L] = np.asarray(hc_rows[r], dtype=np.int64)
            if has_time:
                hist_beh[r, :L] = np.asarray(hb_rows[r], dtype=np.int64)
                hist_gap[r, :L] = gap_bucket(np.asarray(hg_rows[r], dtype=np.int64), gap_buckets)
    return {
        "user": np.asarray(users, dtype=np.int64),
        "label": np.asarray(labels, dtype=np.float32),
        "item": np.asarray(items, dtype=np.int64),
        "category": np.asarray(cats, dtype=np.int64),
        "hist_items": hist_items,
        "hist_cats": hist_cats,
        "hist_beh": hist_beh,
        "hist_gap": hist_gap,
        "hist_len": np.asarray(lens, dtype=np.int64),
        "has_time": has_time,
    }


def load_split(path, args):
    """read_split, through an optional cache of the parsed arrays (--cache-dir) keyed by the file's
    path, size and mtime and the parsing options."""
    if not args.cache_dir:
        return read_split(path, args.hist_len, args.gap_buckets, args.max_rows)
    st = os.stat(path)
    key = "%s-%d-%d-h%d-g%d-m%d" % (os.path.abspath(path).replace(os.sep, "_"), st.st_size, st.st_mtime_ns,
                                    args.hist_len, args.gap_buckets, args.max_rows)
    cached = os.path.join(args.cache_dir, key + ".npz")
    if os.path.isfile(cached):
        with np.load(cached) as z:
            d = {k: z[k] for k in z.files}
        d["has_time"] = bool(d["has_time"])
        return d
    d = read_split(path, args.hist_len, args.gap_buckets, args.max_rows)
    os.makedirs(args.cache_dir, exist_ok=True)
    tmp = cached + ".tmp.npz"
    np.savez(tmp, **d)
    os.replace(tmp, cached)
    return d


def gap_bucket(gap_seconds, buckets):
    """Our time-gap buckets: 1 + floor(log2(1 + max(0, gap))), capped at buckets - 1 (0 = padding)."""
    g = np.maximum(gap_seconds, 0) + 1
    _, e = np.frexp(g.astype(np.float64))  # g = m * 2^e, m in [0.5, 1): floor(log2 g) = e - 1 (exact here)
    return np.minimum(e.astype(np.int64), buckets - 1)


# ----------------------------------------------------------------------------------------------
# model


class Dice(nn.Module):
    """Dice activation (DIN paper): p = sigmoid(BN(x)) with a non-affine batch norm over the last
    dimension, out = p * x + alpha * (1 - p) * x, alpha learned per unit (starts at 0)."""

    def __init__(self, units, eps=1e-8):
        super().__init__()
        self.bn = nn.BatchNorm1d(units, eps=eps, affine=False)
        self.alpha = nn.Parameter(torch.zeros(units))

    def forward(self, x):
        shape = x.shape
        flat = x.reshape(-1, shape[-1])
        p = torch.sigmoid(self.bn(flat)).reshape(shape)
        return p * x + self.alpha * (1 - p) * x


def activation(name, units):
    if name == "relu":
        return nn.ReLU()
    if name == "dice":
        return Dice(units)
    raise ValueError(name)


class ReferenceDin(nn.Module):
    def __init__(self, n_items, n_cats, n_beh, gap_buckets, args):
        super().__init__()
        d = args.embedding_dim
        self.token = args.token
        self.use_category = not args.no_category
        self.item_emb = nn.Embedding(n_items + 1, d)
        self.cat_emb = nn.Embedding(n_cats + 1, d) if self.use_category else None
        width = d * (2 if self.use_category and self.token == "concat" else 1)
        self.width = width
        # optional history-only features, added to the key tokens (as in our Java DIN)
        self.beh_emb = nn.Embedding(n_beh + 1, width) if args.behavior else None
        self.gap_emb = nn.Embedding(gap_buckets, width) if args.time_gap else None
        for e in (self.item_emb, self.cat_emb, self.beh_emb, self.gap_emb):
            if e is not None:
                nn.init.normal_(e.weight, mean=0.0, std=args.embedding_init_std)
        h = args.attention_hidden
        self.att_hidden = nn.Linear(4 * width, h)
        self.att_act = activation(args.attention_activation, h)
        self.att_out = nn.Linear(h, 1)
        self.dnn_product = args.dnn_product
        layers = []
        in_dim = width * (3 if self.dnn_product else 2)
        for units in args.dnn_hidden:
            layers += [nn.Linear(in_dim, units), nn.ReLU()]
            in_dim = units
        layers.append(nn.Linear(in_dim, 1))
        self.dnn = nn.Sequential(*layers)
        for m in self.modules():
            if isinstance(m, nn.Linear):
                nn.init.xavier_normal_(m.weight)
                nn.init.zeros_(m.bias)

    def embed(self, items, cats):
        e = self.item_emb(items)
        if self.cat_emb is None:
            return e
        c = self.cat_emb(cats)
        return torch.cat([e, c], dim=-1) if self.token == "concat" else e + c

    def forward(self, item, cat, hist_items, hist_cats, hist_beh, hist_gap, mask):
        q = self.embed(item, cat)                                   # (B, W)
        k = self.embed(hist_items, hist_cats)                       # (B, T, W)
        if self.beh_emb is not None:
            k = k + self.beh_emb(hist_beh)
        if self.gap_emb is not None:
            k = k + self.gap_emb(hist_gap)
        # att_hidden([q, k, q-k, q*k]) computed blockwise without materialising the (B, T, 4W) input:
        # [q, k, q-k, q*k] W^T = q (Wq+Wd)^T + k (Wk-Wd)^T + (q*k) Wp^T (the same function, half the work)
        wq, wk, wd, wp = self.att_hidden.weight.split(self.width, dim=1)       # each (h, W)
        pre = (F.linear(q, wq + wd, self.att_hidden.bias).unsqueeze(1)        # (B, 1, h)
               + F.linear(k, wk - wd) + F.linear(k * q.unsqueeze(1), wp))     # (B, T, h)
        scores = self.att_out(self.att_act(pre)).squeeze(-1)                   # (B, T)
        scores = scores * mask                                      # no softmax; padding weighs 0
        interest = torch.bmm(scores.unsqueeze(1), k).squeeze(1)     # (B, W)
        parts = [q, interest] + ([q * interest] if self.dnn_product else [])
        return self.dnn(torch.cat(parts, dim=-1)).squeeze(-1)

    def embedding_tables(self):
        return [e for e in (self.item_emb, self.cat_emb) if e is not None]


def emb_l2(model, scope, batch_ids):
    """sum ||W||^2 over the whole item/category tables, or over the batch's distinct rows."""
    total = 0.0
    for table, ids in zip(model.embedding_tables(), batch_ids):
        if scope == "table":
            total = total + table.weight.pow(2).sum()
        else:
            rows = torch.unique(ids)
            total = total + table.weight[rows].pow(2).sum()
    return total


# ----------------------------------------------------------------------------------------------
# training


def tensors(split, idx):
    t = lambda k, dt=torch.long: torch.from_numpy(split[k][idx]).to(dt)
    mask = (np.arange(split["hist_items"].shape[1])[None, :] < split["hist_len"][idx][:, None])
    return (t("item"), t("category"), t("hist_items"), t("hist_cats"), t("hist_beh"), t("hist_gap"),
            torch.from_numpy(mask.astype(np.float32)))


def predict(model, split, batch_size):
    model.eval()
    n = len(split["label"])
    out = np.empty(n, dtype=np.float64)
    with torch.no_grad():
        for s in range(0, n, batch_size):
            idx = np.arange(s, min(n, s + batch_size))
            out[idx] = torch.sigmoid(model(*tensors(split, idx))).double().numpy()
    model.train()
    return out


def metrics(labels, p):
    p = np.clip(p, 1e-7, 1 - 1e-7)
    return {"auc": float(roc_auc_score(labels, p)), "logloss": float(log_loss(labels, p, labels=[0, 1]))}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, help="directory with samples-{train,valid,test}.tsv (and items.tsv)")
    ap.add_argument("--out", help="JSON result file (default: print only)")
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--threads", type=int, default=2, help="torch intra-op threads")
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--patience", type=int, default=2, help="stop after this many epochs without a better valid AUC")
    ap.add_argument("--batch-size", type=int, default=512)
    ap.add_argument("--eval-batch-size", type=int, default=2048)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--hist-len", type=int, default=50, help="most recent history events used")
    ap.add_argument("--embedding-dim", type=int, default=32)
    ap.add_argument("--embedding-init-std", type=float, default=1e-4)
    ap.add_argument("--emb-l2", type=float, default=0.01, help="lambda of lambda * sum ||W||^2 (0 = off)")
    ap.add_argument("--emb-l2-scope", choices=["table", "batch"], default="table",
                    help="whole tables (FuxiCTR/DeepCTR) or only the distinct rows of the batch")
    ap.add_argument("--loss-reduction", choices=["mean", "sum"], default="mean",
                    help="BCE over the batch: mean (FuxiCTR) or sum (DeepCTR-torch fit); the L2 term is added as is")
    ap.add_argument("--token", choices=["concat", "sum"], default="concat",
                    help="item and category embeddings concatenated (2d) or summed (d, as our Java DIN)")
    ap.add_argument("--no-category", action="store_true", help="item embeddings only")
    ap.add_argument("--attention-hidden", type=int, default=64)
    ap.add_argument("--attention-activation", choices=["relu", "dice"], default="relu")
    ap.add_argument("--dnn-hidden", type=int, nargs="+", default=[200, 80])
    ap.add_argument("--dnn-product", action="store_true", help="DNN input also gets target*interest (as our Java DIN)")
    ap.add_argument("--time-gap", action="store_true", help="add our log2 time-gap-to-target embedding to history tokens")
    ap.add_argument("--behavior", action="store_true", help="add a behavior-type embedding to history tokens")
    ap.add_argument("--gap-buckets", type=int, default=48)
    ap.add_argument("--clip-norm", type=float, default=0.0, help="clip the global gradient norm (0 = off; FuxiCTR 10)")
    ap.add_argument("--lr-decay-on-plateau", type=float, default=1.0,
                    help="multiply the learning rate by this after an epoch without a better valid AUC (1 = off)")
    ap.add_argument("--order", choices=["shuffle", "stored"], default="shuffle",
                    help="training order per epoch: seeded shuffle, or the file's order")
    ap.add_argument("--max-rows", type=int, default=0, help="read at most this many rows per split (smoke tests)")
    ap.add_argument("--cache-dir", help="keep the parsed splits here as .npz (reused while the TSVs are unchanged)")
    args = ap.parse_args(argv)

    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    torch.set_num_threads(args.threads)
    t0 = time.time()
    splits = {}
    for s in ("train", "valid", "test"):
        splits[s] = load_split(os.path.join(args.data, f"samples-{s}.tsv"), args)
    if (args.time_gap or args.behavior) and not splits["train"]["has_time"]:
        raise SystemExit("--time-gap/--behavior need the ts, hist_behaviors and hist_ts columns (re-export)")
    n_items = n_cats = 0
    items_file = os.path.join(args.data, "items.tsv")
    if os.path.isfile(items_file):
        with open(items_file, encoding="utf-8") as f:
            f.readline()
            for line in f:
                it, c = line.split("\t")[:2]
                n_items = max(n_items, int(it))
                n_cats = max(n_cats, int(c))
    for sp in splits.values():
        n_items = max(n_items, int(sp["item"].max()), int(sp["hist_items"].max()))
        n_cats = max(n_cats, int(sp["category"].max()), int(sp["hist_cats"].max()))
    n_beh = max(int(sp["hist_beh"].max()) for sp in splits.values())
    counts = ", ".join("%s %d" % (k, len(v["label"])) for k, v in splits.items())
    print(f"read {counts} samples in {time.time() - t0:.1f}s; "
          f"{n_items} items, {n_cats} categories, {n_beh} behaviors", flush=True)

    model = ReferenceDin(n_items, n_cats, n_beh, args.gap_buckets, args)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    tr = splits["train"]
    n = len(tr["label"])
    rng = np.random.default_rng(args.seed)
    history = []
    best = None
    bad = 0
    lr = args.lr
    for epoch in range(1, args.epochs + 1):
        te = time.time()
        order = rng.permutation(n) if args.order == "shuffle" else np.arange(n)
        loss_sum, reg_sum, steps = 0.0, 0.0, 0
        for s in range(0, n, args.batch_size):
            idx = order[s:s + args.batch_size]
            x = tensors(tr, idx)
            y = torch.from_numpy(tr["label"][idx])
            logits = model(*x)
            loss = F.binary_cross_entropy_with_logits(logits, y, reduction=args.loss_reduction)
            total = loss
            if args.emb_l2 > 0:
                ids = [torch.cat([x[0], x[2].flatten()]), torch.cat([x[1], x[3].flatten()])]
                reg = args.emb_l2 * emb_l2(model, args.emb_l2_scope, ids)
                total = loss + reg
                reg_sum += float(reg)
            opt.zero_grad()
            total.backward()
            if args.clip_norm > 0:
                nn.utils.clip_grad_norm_(model.parameters(), args.clip_norm)
            opt.step()
            loss_sum += float(loss) / (len(idx) if args.loss_reduction == "sum" else 1)
            steps += 1
        train_seconds = time.time() - te
        valid = metrics(splits["valid"]["label"], predict(model, splits["valid"], args.eval_batch_size))
        test = metrics(splits["test"]["label"], predict(model, splits["test"], args.eval_batch_size))
        rec = {"epoch": epoch, "steps": steps, "lr": lr, "train_loss": loss_sum / steps, "train_reg": reg_sum / steps,
               "valid": valid, "test": test, "train_seconds": round(train_seconds, 1),
               "seconds": round(time.time() - te, 1)}
        history.append(rec)
        better = best is None or valid["auc"] > best["valid"]["auc"]
        print(f"epoch {epoch}: train loss {rec['train_loss']:.5f} reg {rec['train_reg']:.5f} | "
              f"valid AUC {valid['auc']:.5f} LogLoss {valid['logloss']:.5f} | "
              f"test AUC {test['auc']:.5f} LogLoss {test['logloss']:.5f} | {rec['seconds']}s"
              f"{'  * best' if better else ''}", flush=True)
        if better:
            best, bad = rec, 0
        else:
            bad += 1
            if bad >= args.patience:
                print(f"early stopping: no better valid AUC in {bad} epochs", flush=True)
                break
            if args.lr_decay_on_plateau != 1.0:
                lr *= args.lr_decay_on_plateau
                for g in opt.param_groups:
                    g["lr"] = lr
    result = {"script": "din_reference.py", "config": vars(args), "items": n_items, "categories": n_cats,
              "samples": {k: len(v["label"]) for k, v in splits.items()},
              "epochs": history, "best_epoch": best["epoch"], "valid": best["valid"], "test": best["test"],
              "seconds": round(time.time() - t0, 1), "torch": torch.__version__}
    print(f"best epoch {best['epoch']}: valid AUC {best['valid']['auc']:.5f} LogLoss {best['valid']['logloss']:.5f}"
          f" | test AUC {best['test']['auc']:.5f} LogLoss {best['test']['logloss']:.5f}", flush=True)
    if args.out:
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        with open(args.out + ".tmp", "w", encoding="utf-8") as f:
            json.dump(result, f, indent=2)
        os.replace(args.out + ".tmp", args.out)
    return result


if __name__ == "__main__":
    main()
