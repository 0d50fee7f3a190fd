#!/usr/bin/python3
"""Trains FuxiCTR's own DIN, ETA and SIM (soft) on the TSVs of `r2led export-samples`.

The referee for our Java DIN / ETA / SIM soft on exactly the same samples: the model classes,
embedding layer, attention blocks, training loop (Adam, gradient clipping, learning-rate decay on
plateau, early stopping on validation AUC, best checkpoint reloaded) and metrics all come from a
FuxiCTR checkout given by --fuxictr (its model_zoo/LongCTR models and LongCTR data loader). This
script only converts the export into the LongCTR input layout, writes the dataset and model
configuration, runs the fit and writes a JSON summary.

Input layout written under --work (FuxiCTR's LongCTR layout; pickled pandas frames, because the
Debian Python has no parquet engine -- pandas.read_parquet is pointed at the pickles):
  item_info   item_index (0 = padding) numbers the distinct (item, category) pairs; item_id,
              cate_id (our ids + 1, 0 = padding)
  user_info   full_item_seq: one behavior sequence (item_index, oldest -> newest) per user; a sample
              whose history is not a prefix of its user's longest history gets its own row
  train/valid/test   user_index, item_index, seq_len (events of full_item_seq before the target), label
  feature_map.json   item_id and cate_id categorical, source "item" (item and category only)

Usage (see scripts/README.md):
  /usr/bin/python3 scripts/fuxictr_referee.py --fuxictr /tmp/FuxiCTR --data EXPORT_DIR \
      --model din|eta|sim --work WORK_DIR --out result.json [options]
"""

import argparse
import importlib.util
import json
import logging
import os
import sys
import time
import types

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np
import pandas as pd
import torch

MODELS = {"din": "DIN", "eta": "ETA", "sim": "SIM"}


# ----------------------------------------------------------------------------------------------
# conversion


def read_split(path, max_rows=0):
    """samples-<split>.tsv -> (users, labels, items, categories, history items, history categories)."""
    users, labels, items, cats, hists, hcats = [], [], [], [], [], []
    with open(path, "r", encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        col = {name: i for i, name in enumerate(header)}
        for need in ("user", "label", "item", "category", "hist_items", "hist_categories"):
            if need not in col:
                raise SystemExit(f"{path}:1: missing column {need} (have {header})")
        cu, cl, ci, cc, chi, chc = (col[c] for c in ("user", "label", "item", "category", "hist_items", "hist_categories"))
        for n, line in enumerate(f, start=2):
            if max_rows and n - 2 >= max_rows:
                break
            fld = line.rstrip("\n").split("\t")
            try:
                hi = np.array(fld[chi].split(), dtype=np.int64)
                hc = np.array(fld[chc].split(), dtype=np.int64)
                row = (int(fld[cu]), int(fld[cl]), int(fld[ci]), int(fld[cc]))
            except (ValueError, IndexError):
                raise SystemExit(f"{path}:{n}: expected integer user, label, item, category and "
                                 f"space-separated integer histories")
            if len(hi) != len(hc):
                raise SystemExit(f"{path}:{n}: hist_items ({len(hi)}) and hist_categories ({len(hc)}) differ in length")
            if len(hi) == 0:
                raise SystemExit(f"{path}:{n}: empty history (FuxiCTR's LongCTR loader needs at least one event)")
            if row[1] not in (0, 1):
                raise SystemExit(f"{path}:{n}: label {row[1]}, expected 0 or 1")
            users.append(row[0]); labels.append(row[1]); items.append(row[2]); cats.append(row[3])
            hists.append(hi); hcats.append(hc)
    return np.array(users), np.array(labels), np.array(items), np.array(cats), hists, hcats


def convert(data_dir, work, max_rows):
    """Writes the LongCTR input under work; returns the feature map path and data sizes.

    FuxiCTR's LongCTR loader looks item features up by one item_index per event. An item of the
    Taobao export can carry different categories in different events, so item_index numbers the
    distinct (item, category) pairs: every event keeps exactly the item and category it has in the
    export."""
    splits = {}
    for s in ("train", "valid", "test"):
        p = os.path.join(data_dir, f"samples-{s}.tsv")
        if not os.path.exists(p):
            raise SystemExit(f"{p}: missing (run `r2led export-samples --split {s}` first)")
        splits[s] = read_split(p, max_rows)
    all_items = np.concatenate([np.concatenate([v[2]] + v[4]) for v in splits.values()])
    all_cats = np.concatenate([np.concatenate([v[3]] + v[5]) for v in splits.values()])
    if all_items.min() < 0 or all_cats.min() < 0:
        raise SystemExit(f"{data_dir}: negative item or category id")
    width = int(all_cats.max()) + 1
    pairs, inverse = np.unique(all_items * width + all_cats, return_inverse=True)
    pair_index = inverse + 1                                  # 0 = padding
    # per split: target pair indexes, then the history pair indexes sample by sample
    pos, enc = 0, {}
    for s, v in splits.items():
        n = len(v[2])
        tgt = pair_index[pos:pos + n]
        pos += n
        hist = []
        for h in v[4]:
            hist.append(pair_index[pos:pos + len(h)])
            pos += len(h)
        enc[s] = (tgt, hist)
    # one sequence per user: its longest history; other histories must be prefixes of it
    longest = {}
    for s, v in splits.items():
        for u, h in zip(v[0], enc[s][1]):
            if u not in longest or len(h) > len(longest[u]):
                longest[u] = h
    seqs, row_of = [np.zeros(1, dtype=np.int64)], {}
    for u in sorted(longest):
        row_of[u] = len(seqs)
        seqs.append(np.asarray(longest[u], dtype=np.int64))
    own_rows = 0
    for s, v in splits.items():
        users, labels = v[0], v[1]
        tgt, hist = enc[s]
        uidx = np.empty(len(users), dtype=np.int64)
        for i, (u, h) in enumerate(zip(users, hist)):
            full = longest[u]
            if np.array_equal(full[:len(h)], h):
                uidx[i] = row_of[u]
            else:                                             # not a prefix: the sample's own row
                uidx[i] = len(seqs)
                seqs.append(np.asarray(h, dtype=np.int64))
                own_rows += 1
        df = pd.DataFrame({"user_index": uidx, "item_index": np.asarray(tgt, dtype=np.int64),
                           "seq_len": np.array([len(h) for h in hist], dtype=np.int64),
                           "label": labels.astype(np.int64)})
        df.to_pickle(os.path.join(work, f"{s}.pkl"))
    user_info = pd.DataFrame({"full_item_seq": pd.Series(seqs, dtype=object)})
    user_info.to_pickle(os.path.join(work, "user_info.pkl"))
    pair_item, pair_cat = pairs // width, pairs % width
    # embedding ids: our ids + 1, 0 = padding
    item_info = pd.DataFrame({"item_index": np.arange(len(pairs) + 1),
                              "item_id": np.concatenate([[0], pair_item + 1]),
                              "cate_id": np.concatenate([[0], pair_cat + 1])})
    item_info.to_pickle(os.path.join(work, "item_info.pkl"))
    n_items, n_cats = int(all_items.max()) + 2, int(all_cats.max()) + 2
    fmap = {"dataset_id": "r2led_export", "num_fields": 2, "total_features": n_items + n_cats,
            "input_length": 3, "labels": ["label"],
            "features": [
                {"user_index": {"type": "meta"}},
                {"item_index": {"type": "meta"}},
                {"seq_len": {"type": "meta"}},
                {"item_id": {"type": "categorical", "source": "item", "vocab_size": n_items, "padding_idx": 0}},
                {"cate_id": {"type": "categorical", "source": "item", "vocab_size": n_cats, "padding_idx": 0}}]}
    path = os.path.join(work, "feature_map.json")
    with open(path, "w") as f:
        json.dump(fmap, f, indent=1)
    return path, {"samples": {s: int(len(v[0])) for s, v in splits.items()},
                  "item_vocab": n_items, "category_vocab": n_cats, "item_category_pairs": int(len(pairs)),
                  "items_with_several_categories": int(len(pairs) - len(np.unique(pair_item))),
                  "user_sequences": len(seqs) - 1, "non_prefix_histories": own_rows,
                  "max_history": int(max(len(h) for v in splits.values() for h in v[4]))}


# ----------------------------------------------------------------------------------------------
# FuxiCTR


def pad_sequences(sequences, maxlen, value=0, padding="pre", truncating="pre", dtype="int64"):
    """What FuxiCTR's LongCTR loader asks of keras_preprocessing (not installed in Debian)."""
    out = np.full((len(sequences), maxlen), value, dtype=dtype)
    for i, s in enumerate(sequences):
        s = np.asarray(s)
        s = s[-maxlen:] if truncating == "pre" else s[:maxlen]
        if len(s):
            if padding == "pre":
                out[i, maxlen - len(s):] = s
            else:
                out[i, :len(s)] = s
    return out


def load_fuxictr(root):
    """Imports fuxictr and the LongCTR data loader from the checkout at root."""
    if not os.path.isdir(os.path.join(root, "fuxictr")) or \
            not os.path.isdir(os.path.join(root, "model_zoo", "LongCTR")):
        raise SystemExit(f"--fuxictr {root}: not a FuxiCTR checkout (needs fuxictr/ and model_zoo/LongCTR/)")
    sys.path.insert(0, os.path.abspath(root))
    try:
        import keras_preprocessing.sequence  # noqa: F401
    except ImportError:
        kp = types.ModuleType("keras_preprocessing")
        seq = types.ModuleType("keras_preprocessing.sequence")
        seq.pad_sequences = pad_sequences
        kp.sequence = seq
        sys.modules["keras_preprocessing"] = kp
        sys.modules["keras_preprocessing.sequence"] = seq
    # the LongCTR loader reads parquet; without a parquet engine read our pickles instead
    orig_read_parquet = pd.read_parquet

    def read_parquet(path, *a, **kw):
        pkl = path[:-len(".parquet")] + ".pkl" if path.endswith(".parquet") else path
        return pd.read_pickle(pkl) if os.path.exists(pkl) else orig_read_parquet(path, *a, **kw)

    pd.read_parquet = read_parquet
    try:
        import fuxictr
        from fuxictr.features import FeatureMap
        from fuxictr.pytorch.models import BaseModel  # noqa: F401
        from fuxictr.pytorch.torch_utils import seed_everything
    except ImportError as e:
        raise SystemExit(f"importing FuxiCTR from {root} failed: {e}. FuxiCTR imports polars, h5py and tqdm "
                         "at module level; the referee never calls polars or h5py and uses tqdm only as a "
                         "pass-through. Put placeholders on PYTHONPATH outside the repository (see "
                         "scripts/README.md, 'fuxictr_referee.py').")
    loader = load_module("longctr_dataloader", os.path.join(root, "model_zoo", "LongCTR", "longctr_dataloader.py"))
    return fuxictr, FeatureMap, seed_everything, loader.LongCTRDataLoader


def load_module(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def model_params(a):
    p = {"model": MODELS[a.model], "dataset_id": "r2led_export", "model_id": f"{MODELS[a.model]}_s{a.seed}",
         "model_root": os.path.join(a.work, "checkpoints"), "verbose": 0,
         "task": "binary_classification", "loss": "binary_crossentropy", "metrics": ["AUC", "logloss"],
         "monitor": "AUC", "monitor_mode": "max", "early_stop_patience": a.patience,
         "save_best_only": True, "eval_steps": None, "optimizer": "adam",
         "learning_rate": a.lr, "embedding_regularizer": a.embedding_regularizer,
         "net_regularizer": a.net_regularizer, "batch_size": a.batch_size,
         "embedding_dim": a.embedding_dim, "dnn_hidden_units": a.dnn_hidden, "dnn_activations": "relu",
         "net_dropout": a.net_dropout, "batch_norm": False, "epochs": a.epochs, "shuffle": True,
         "seed": a.seed, "accumulation_steps": 1, "reduce_lr_on_plateau": not a.no_lr_decay,
         "max_gradient_norm": a.clip_norm, "group_id": None}
    if a.model == "din":
        p.update({"max_len": a.short_seq_len, "attention_hidden_units": a.attention_hidden,
                  "attention_hidden_activations": a.attention_activation,
                  "attention_output_activation": None, "attention_dropout": 0,
                  "din_use_softmax": a.din_use_softmax})
    else:
        # FuxiCTR's short sequence is item_feat_emb[:, -short_seq_len:-1]: the last position is the
        # target, so short_seq_len behaviors need short_seq_len + 1
        p.update({"max_len": a.max_len, "short_seq_len": a.short_seq_len + 1, "topk": a.topk,
                  "attention_dim": a.attention_dim, "num_heads": a.num_heads, "attention_dropout": 0})
        if a.model == "eta":
            p.update({"hash_bits": a.hash_bits, "reuse_hash": True, "use_scale": True})
        else:
            p.update({"gsu_type": "soft", "alpha": a.alpha, "beta": 1})
    for kv in a.set or []:
        k, _, v = kv.partition("=")
        if not _:
            raise SystemExit(f"--set {kv}: expected key=value")
        p[k] = json.loads(v) if v[:1] in "[{0123456789-tfn" else v
    return p


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--fuxictr", required=True, help="FuxiCTR checkout (has fuxictr/ and model_zoo/LongCTR/)")
    ap.add_argument("--data", required=True, help="directory of `r2led export-samples` (items.tsv, samples-*.tsv)")
    ap.add_argument("--model", required=True, choices=sorted(MODELS))
    ap.add_argument("--work", required=True, help="directory for the converted input and checkpoints")
    ap.add_argument("--out", required=True, help="result JSON")
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--embedding-dim", type=int, default=32)
    ap.add_argument("--batch-size", type=int, default=512)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--embedding-regularizer", type=float, default=0.01,
                    help="FuxiCTR embedding_regularizer: loss term lambda/2 * ||W||^2 over the whole tables")
    ap.add_argument("--net-regularizer", type=float, default=0.0)
    ap.add_argument("--net-dropout", type=float, default=0.0)
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--patience", type=int, default=2)
    ap.add_argument("--clip-norm", type=float, default=10.0)
    ap.add_argument("--no-lr-decay", action="store_true", help="turn off FuxiCTR's lr x0.1 on plateau")
    ap.add_argument("--dnn-hidden", type=int, nargs="+", default=[200, 80])
    ap.add_argument("--attention-hidden", type=int, nargs="+", default=[64])
    ap.add_argument("--attention-activation", default="ReLU", help="DIN attention MLP activation (ReLU or Dice)")
    ap.add_argument("--din-use-softmax", action="store_true")
    ap.add_argument("--max-len", type=int, default=1000, help="ETA/SIM: most recent events of the long history")
    ap.add_argument("--short-seq-len", type=int, default=50, help="DIN history / ETA-SIM short-term behaviors")
    ap.add_argument("--topk", type=int, default=50)
    ap.add_argument("--hash-bits", type=int, default=64)
    ap.add_argument("--attention-dim", type=int, default=64)
    ap.add_argument("--num-heads", type=int, default=2)
    ap.add_argument("--alpha", type=float, default=1.0, help="SIM: weight of the soft-search (GSU) auxiliary loss")
    ap.add_argument("--set", action="append", metavar="KEY=VALUE", help="any other FuxiCTR model parameter")
    ap.add_argument("--max-rows", type=int, default=0, help="read only the first N rows of each split (smoke test)")
    a = ap.parse_args()

    torch.set_num_threads(a.threads)
    os.makedirs(a.work, exist_ok=True)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    fuxictr, FeatureMap, seed_everything, LongCTRDataLoader = load_fuxictr(a.fuxictr)

    t0 = time.time()
    stamp = os.path.join(a.work, "converted.json")
    sources = [os.path.join(a.data, f) for f in ("items.tsv", "samples-train.tsv", "samples-valid.tsv", "samples-test.tsv")]
    key = {"data": os.path.abspath(a.data), "max_rows": a.max_rows,
           "mtimes": [os.path.getmtime(f) if os.path.exists(f) else 0 for f in sources]}
    cached = json.load(open(stamp)) if os.path.exists(stamp) else {}
    if cached.get("key") == key:                      # same export, same rows: reuse the conversion
        fmap_path, data_info = os.path.join(a.work, "feature_map.json"), cached["info"]
    else:
        fmap_path, data_info = convert(a.data, a.work, a.max_rows)
        with open(stamp, "w") as f:
            json.dump({"key": key, "info": data_info}, f)
    logging.info("converted in %.0f s: %s", time.time() - t0, json.dumps(data_info))

    params = model_params(a)
    seed_everything(seed=a.seed)
    feature_map = FeatureMap(params["dataset_id"], a.work)
    feature_map.load(fmap_path, params)
    name = MODELS[a.model]
    mod = load_module(f"fuxictr_{name}", os.path.join(a.fuxictr, "model_zoo", "LongCTR", name, f"{name}.py"))
    model = getattr(mod, name)(feature_map, **params)
    os.makedirs(model.model_dir, exist_ok=True)
    n_params = sum(p.numel() for p in model.parameters() if p.requires_grad)

    def loader(split, shuffle):
        return LongCTRDataLoader(feature_map, os.path.join(a.work, f"{split}.parquet"),
                                 os.path.join(a.work, "user_info.parquet"), os.path.join(a.work, "item_info.parquet"),
                                 batch_size=a.batch_size, shuffle=shuffle, num_workers=0,
                                 max_len=params["max_len"])

    train_gen, valid_gen, test_gen = loader("train", True), loader("valid", False), loader("test", False)

    # record every validation (FuxiCTR evaluates once per epoch) and the training loss
    epochs, state = [], {"loss": 0.0, "steps": 0, "t": time.time()}
    orig_step, orig_check = model.train_step, model.checkpoint_and_earlystop

    def train_step(batch):
        loss = orig_step(batch)
        state["loss"] += float(loss.item())
        state["steps"] += 1
        return loss

    def check(logs, *args, **kw):
        lr = model.optimizer.param_groups[0]["lr"]
        epochs.append({"epoch": model._epoch_index + 1, "train_loss": state["loss"] / max(1, state["steps"]),
                       "lr": lr, "valid": {"auc": float(logs["AUC"]), "logloss": float(logs.get("logloss", float("nan")))},
                       "seconds": round(time.time() - state["t"], 1)})
        logging.info("epoch %d: loss %.5f valid AUC %.5f (%.0f s)", epochs[-1]["epoch"], epochs[-1]["train_loss"],
                     logs["AUC"], epochs[-1]["seconds"])
        state.update(loss=0.0, steps=0, t=time.time())
        return orig_check(logs, *args, **kw)

    model.train_step = train_step
    model.checkpoint_and_earlystop = check
    model.fit(train_gen, epochs=a.epochs, validation_data=valid_gen, max_gradient_norm=a.clip_norm)
    valid = model.evaluate(valid_gen, metrics=["AUC", "logloss"])
    test = model.evaluate(test_gen, metrics=["AUC", "logloss"])
    best = max(range(len(epochs)), key=lambda i: (epochs[i]["valid"]["auc"], -i))
    out = {"referee": "FuxiCTR " + fuxictr.__version__ + " model_zoo/LongCTR/" + name,
           "model": a.model, "seed": a.seed, "params": params, "data": data_info, "trainable_params": n_params,
           "epochs": epochs, "epochs_run": len(epochs), "best_epoch": epochs[best]["epoch"],
           "capped": best == len(epochs) - 1,
           "valid": {"auc": float(valid["AUC"]), "logloss": float(valid["logloss"])},
           "test": {"auc": float(test["AUC"]), "logloss": float(test["logloss"])},
           "seconds": round(time.time() - t0, 1)}
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "w") as f:
        json.dump(out, f, indent=1)
    print(f"{a.model} seed {a.seed}: best epoch {out['best_epoch']} of {out['epochs_run']}, "
          f"valid AUC {out['valid']['auc']:.4f}, test AUC {out['test']['auc']:.4f} "
          f"LogLoss {out['test']['logloss']:.4f}{' (capped)' if out['capped'] else ''}")


if __name__ == "__main__":
    main()
