#!/usr/bin/env python3
"""Referee: RecBole's SASRec / GRU4Rec on exactly our next-item splits.

Reads the directory written by `./r2led seqrec export --data D --out DIR` (RecBole atomic files NAME.inter,
NAME.item, plus targets.tsv and split.json), trains one RecBole sequential model with a leave-one-out split
ordered by the exported positions ({LS: valid_and_test}, order TO: the last positive is test, the one before
it validation -- our protocol), full-catalog ranking, early stopping on validation NDCG@10, and writes
OUT/result.json with valid and test HR@K / NDCG@K (K = 5, 10, 20), the best and last epoch and the split check.

Before training it checks that RecBole's split is ours: the same users have validation and test targets, each
user's targets equal targets.tsv, the number of training targets equals split.json's, and the catalog holds
every exported item. Any difference is an error.

RecBole is not part of this repository: check it out anywhere (e.g. /tmp/seq/RecBole) and pass --recbole.
RecBole imports tqdm and tensorboard at import time; where they are not installed, put stand-ins on
PYTHONPATH (see scripts/README.md). Runs on the CPU with --threads torch threads (default 1).

Example:
  PYTHONPATH=/tmp/seq/stubs /usr/bin/python3 scripts/recbole_referee.py --recbole /tmp/seq/RecBole \
      --export /tmp/seq/export/ml --model SASRec --loss CE --seed 1 --out /tmp/seq/referee/sasrec-ce-1
"""
import argparse
import csv
import json
import os
import sys
import time


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--recbole", required=True, help="RecBole checkout (the directory holding the recbole package)")
    p.add_argument("--export", required=True, help="directory written by `r2led seqrec export`")
    p.add_argument("--out", required=True, help="output directory (result.json, RecBole's log and checkpoint)")
    p.add_argument("--model", default="SASRec", choices=["SASRec", "GRU4Rec"])
    p.add_argument("--loss", default="CE", choices=["CE", "BPR"],
                   help="CE: softmax over the full catalog (RecBole's default); BPR: one uniform negative per target")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--epochs", type=int, default=300, help="epoch limit (default 300)")
    p.add_argument("--patience", type=int, default=10,
                   help="stop after this many evaluations without improvement (RecBole's stopping_step)")
    p.add_argument("--max-seq-len", type=int, default=50)
    p.add_argument("--batch-size", type=int, default=256)
    p.add_argument("--learning-rate", type=float, default=0.001)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                   help="any other RecBole config key (value parsed as JSON when it parses, else a string)")
    return p.parse_args()


def read_targets(path):
    out = {}
    with open(path, newline="") as f:
        rows = csv.reader(f, delimiter="\t")
        header = next(rows)
        if header != ["user", "valid_item", "test_item"]:
            raise SystemExit(f"{path}: header {header}; expected user, valid_item, test_item")
        for n, row in enumerate(rows, start=2):
            if len(row) != 3:
                raise SystemExit(f"{path} line {n}: {len(row)} fields; expected 3")
            out[row[0]] = (row[1], row[2])
    return out


def parse_value(text):
    try:
        return json.loads(text)
    except ValueError:
        return text


def targets_of(dataloader, dataset):
    """user token -> target item token of a sequential eval dataloader's dataset (one example per user)."""
    inter = dataloader._dataset.inter_feat
    users = dataset.id2token(dataset.uid_field, inter[dataset.uid_field].numpy())
    items = dataset.id2token(dataset.iid_field, inter[dataset.iid_field].numpy())
    out = {}
    for u, i in zip(users, items):
        if u in out:
            raise SystemExit(f"RecBole split: user {u} has more than one target in one split")
        out[u] = i
    return out


def check_split(export, train, valid, test, dataset):
    split = json.load(open(os.path.join(export, "split.json")))
    expected = read_targets(os.path.join(export, "targets.tsv"))
    got_valid = targets_of(valid, dataset)
    got_test = targets_of(test, dataset)
    problems = []
    if set(got_test) != set(expected):
        problems.append(f"test users: RecBole {len(got_test)}, ours {len(expected)}, "
                        f"only in RecBole {sorted(set(got_test) - set(expected))[:5]}, "
                        f"only in ours {sorted(set(expected) - set(got_test))[:5]}")
    # RecBole leaves out of validation a user whose sequence yields only two examples (exactly 3 positives: its
    # leave-one-out splits min(2, examples - 1) = 1 example off) and trains on that validation target instead.
    # Such users keep their test target and history; they are counted, not treated as a mismatch.
    short = sorted(u for u in expected if u in got_test and u not in got_valid)
    wrong = [u for u in expected if u in got_test and u not in short and (got_valid.get(u), got_test[u]) != expected[u]]
    wrong += [u for u in short if got_test[u] != expected[u][1]]
    if wrong:
        u = wrong[0]
        problems.append(f"{len(wrong)} users' targets differ, e.g. user {u}: RecBole valid/test "
                        f"{got_valid.get(u)}/{got_test[u]}, ours {expected[u][0]}/{expected[u][1]}")
    train_n = len(train._dataset.inter_feat)
    if train_n != split["counts"]["train_targets"] + len(short):
        problems.append(f"training targets: RecBole {train_n}, ours {split['counts']['train_targets']} "
                        f"(+ {len(short)} validation targets RecBole trains on)")
    catalog = dataset.item_num - 1   # RecBole's id 0 is padding
    if catalog != split["counts"]["items"]:
        problems.append(f"catalog: RecBole {catalog} items, ours {split['counts']['items']}")
    if problems:
        raise SystemExit("RecBole's split is not ours:\n  " + "\n  ".join(problems))
    return {"identical_test": True, "test_users": len(got_test), "valid_users": len(got_valid),
            "train_targets": train_n, "catalog_items": catalog,
            "users_without_recbole_validation": len(short), "examples_of_those_users": short[:10],
            "checked": "every user's validation and test target against targets.tsv, training-target count, catalog"}


def main():
    a = parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", str(a.threads))
    sys.path.insert(0, os.path.abspath(a.recbole))
    import torch
    torch.set_num_threads(a.threads)
    from recbole.config import Config
    from recbole.data import create_dataset, data_preparation
    from recbole.utils import get_model, get_trainer, init_logger, init_seed

    export = os.path.abspath(a.export)
    name = os.path.basename(export.rstrip("/"))
    if not os.path.exists(os.path.join(export, name + ".inter")):
        raise SystemExit(f"{export}: no {name}.inter; expected the output of `r2led seqrec export` "
                         f"(RecBole reads DATA_PATH/NAME/NAME.inter, so the directory must be named after the dataset)")
    out = os.path.abspath(a.out)
    os.makedirs(out, exist_ok=True)
    os.chdir(out)   # RecBole writes log/ and log_tensorboard/ under the working directory
    cfg = {
        "data_path": os.path.dirname(export), "checkpoint_dir": os.path.join(out, "saved"),
        "USER_ID_FIELD": "user_id", "ITEM_ID_FIELD": "item_id", "TIME_FIELD": "timestamp",
        "load_col": {"inter": ["user_id", "item_id", "timestamp"], "item": ["item_id"]},
        "MAX_ITEM_LIST_LENGTH": a.max_seq_len,
        "eval_args": {"split": {"LS": "valid_and_test"}, "order": "TO", "group_by": "user", "mode": "full"},
        "metrics": ["Hit", "NDCG"], "topk": [5, 10, 20], "valid_metric": "NDCG@10",
        "epochs": a.epochs, "stopping_step": a.patience, "eval_step": 1,
        "train_batch_size": a.batch_size, "eval_batch_size": 256, "learning_rate": a.learning_rate,
        "loss_type": a.loss,
        "train_neg_sample_args": None if a.loss == "CE" else {"distribution": "uniform", "sample_num": 1},
        "device": "cpu", "use_gpu": False, "seed": a.seed, "reproducibility": True,
        "show_progress": False, "log_wandb": False, "worker": 0,
    }
    for kv in a.set:
        if "=" not in kv:
            raise SystemExit(f"--set {kv!r}: expected KEY=VALUE")
        k, v = kv.split("=", 1)
        cfg[k] = parse_value(v)
    config = Config(model=a.model, dataset=name, config_dict=cfg)
    init_seed(config["seed"], config["reproducibility"])
    init_logger(config)
    dataset = create_dataset(config)
    train, valid, test = data_preparation(config, dataset)
    split_check = check_split(export, train, valid, test, dataset)
    print("split check: " + json.dumps(split_check), flush=True)

    init_seed(config["seed"] + config["local_rank"], config["reproducibility"])
    model = get_model(config["model"])(config, train._dataset).to(config["device"])
    trainer = get_trainer(config["MODEL_TYPE"], config["model"])(config, model)
    history = []
    best = {"epoch": 0, "test": None}
    t0 = time.time()

    def record(final):
        last = len(history)
        stopped_by = ("early_stopping" if last < a.epochs else "epoch_limit") if final else "running"
        result = {
            "referee": "RecBole", "model": a.model, "loss": a.loss, "seed": a.seed, "export": export,
            "settings": {k: cfg[k] for k in ("MAX_ITEM_LIST_LENGTH", "train_batch_size", "learning_rate", "epochs",
                                             "stopping_step", "loss_type", "train_neg_sample_args")},
            "extra": a.set,
            "model_config": {k: config[k] for k in ("hidden_size", "n_layers", "n_heads", "inner_size",
                                                    "hidden_dropout_prob", "attn_dropout_prob", "dropout_prob",
                                                    "embedding_size", "num_layers")
                             if k in config.final_config_dict},
            "split_check": split_check,
            "convergence": {"best_epoch": best["epoch"], "last_epoch": last, "stopped_by": stopped_by,
                            "best_at_last_eval": best["epoch"] == last},
            "valid_ndcg10_per_epoch": history,
            "valid": best.get("valid"),
            "test": best["test"],
            "train_seconds": time.time() - t0,
        }
        tmp = os.path.join(out, "result.json.tmp")
        with open(tmp, "w") as f:
            json.dump(result, f, indent=2)
        os.replace(tmp, os.path.join(out, "result.json"))
        return result

    def on_epoch(epoch_idx, score):
        history.append(score)
        improved = trainer.cur_step == 0   # RecBole's early_stopping just took this epoch as the best (value >= best)
        if improved:
            # test metrics of the best epoch so far, so that a run stopped from outside still has its figures
            best["epoch"] = epoch_idx + 1
            best["valid"] = {k: float(v) for k, v in trainer.evaluate(valid, load_best_model=False).items()}
            best["test"] = {k: float(v) for k, v in trainer.evaluate(test, load_best_model=False).items()}
        print(f"epoch {epoch_idx + 1}: valid NDCG@10 {score:.4f}{' (best)' if improved else ''}", flush=True)
        record(False)

    trainer.fit(train, valid, saved=True, show_progress=False, callback_fn=on_epoch)
    test_result = {k: float(v) for k, v in trainer.evaluate(test, load_best_model=True, show_progress=False).items()}
    if test_result != best["test"]:
        raise SystemExit(f"test metrics of the reloaded best checkpoint {test_result} differ from those measured at "
                         f"its epoch {best['test']}")
    result = record(True)
    print(json.dumps({"valid": result["valid"], "test": result["test"], "convergence": result["convergence"]}),
          flush=True)

if __name__ == "__main__":
    main()
