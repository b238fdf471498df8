#!/usr/bin/env python3
"""
A torch.optim optimizer's state and its parameters, to JSON and back, for @optim-mirror/torch
(`fromTorchStateDict` / `toTorchStateDict`, `--resume-torch`). Copy the two functions, or import
this file. Plain torch and json; works on torch 1.13 and PyTorch 2.x.

    export_torch_state(optimizer, model.parameters(), 'state.json')   # after optimizer.step()
    import_torch_state(optimizer, model.parameters(), 'state.json')   # a TF.js run's state, back

`params` are the optimizer's parameters in its own order (all param groups, in turn), as tensors or
as (name, tensor) pairs (`model.named_parameters()`); None takes the optimizer's.

The file: {"format", "torch_version", "optimizer" (the torch.optim class), "hyperparameters"
(param_groups[0] without "params", by torch's names; betas a list, None null), "parameters"
([{"name", "dtype", "shape", "values"}]), "state" (one object per parameter, {} before its first
step; each tensor {"dtype", "shape", "values"}, a Python number or None as is)}. Values are nested
lists; float32 values are written exactly (as the doubles they are).

torch 1.13 and 2.x keep different things (the library takes both):
- `step`: a 0-dim tensor of the default dtype in 2.x for every optimizer but SGD (which counts no
  steps); in 1.13 also a tensor (Adam, AdamW, Adagrad, Adamax, NAdam, RAdam) but a Python int in
  Adadelta and RMSprop. 1.13's Adagrad fills its state (step 0, sum) in its constructor.
- SGD with momentum 0: 1.13 keeps `momentum_buffer: None` per parameter; 2.x keeps nothing.
- NAdam keeps `mu_product`, a 0-dim tensor, in both (1.13's NAdam computes another rule: see the
  library's README). 2.x adds `decoupled_weight_decay` (NAdam, RAdam; Adam, AdamW in recent 2.x).
- param_groups: 2.x adds `foreach`, `capturable`, `differentiable`, `fused`, `maximize` (NAdam,
  RAdam), and `param_names` when built from named parameters; `lr` (and betas) may be tensors
  (written as numbers here). Schedulers add `initial_lr` (OneCycleLR: `max_lr`, `min_lr`,
  `max_momentum`, `base_momentum`).
"""
import json
import math
import sys

import torch

FORMAT = 'optim-mirror/torch-state@1'
# What learning-rate schedulers add to param_groups.
SCHEDULER_KEYS = ('initial_lr', 'max_lr', 'min_lr', 'max_momentum', 'base_momentum')


def _tensor(t, what):
    t = t.detach().cpu()
    if not t.is_floating_point():
        raise ValueError(f'{what} is a {t.dtype} tensor: only real floating tensors are exported')
    if not torch.isfinite(t).all():
        raise ValueError(f'{what} holds NaN or infinity: a diverged run cannot be resumed')
    return {'dtype': str(t.dtype).replace('torch.', ''), 'shape': list(t.shape), 'values': t.tolist()}


def _value(v, what):
    """A state entry: tensors as {dtype, shape, values}; numbers (and integer 0-dim tensors) and None as they are."""
    if isinstance(v, torch.Tensor):
        return v.item() if v.dim() == 0 and not v.is_floating_point() and not v.is_complex() else _tensor(v, what)
    if isinstance(v, float) and not math.isfinite(v):
        raise ValueError(f'{what} is {v}: a diverged run cannot be resumed')
    return v


def _hyperparameter(v):
    if isinstance(v, torch.Tensor):  # 2.x: lr or betas may be tensors
        return v.item()
    if isinstance(v, (list, tuple)):
        return [_hyperparameter(x) for x in v]
    return v


def _pairs(optimizer, params):
    own = [p for group in optimizer.param_groups for p in group['params']]
    if params is None:
        return [(None, p) for p in own]
    pairs = [(None, p) if isinstance(p, torch.Tensor) else tuple(p) for p in params]
    if len(pairs) != len(own) or any(p is not q for (_, p), q in zip(pairs, own)):
        raise ValueError("params must be the optimizer's own parameters, in its order")
    return pairs


def export_torch_state(optimizer, params, path):
    """Writes the optimizer's state_dict() and the parameters' values to `path`; returns the dict."""
    state_dict = optimizer.state_dict()
    groups = [{k: _hyperparameter(v) for k, v in g.items() if k not in ('params', 'param_names')}
              for g in state_dict['param_groups']]
    if any(g != groups[0] for g in groups):
        raise ValueError('the param groups have different hyperparameters; the library has one set per optimizer')
    # The torch.optim class, also for a subclass of it.
    name = next((c.__name__ for c in type(optimizer).__mro__ if c.__module__.startswith('torch.optim.')),
                type(optimizer).__name__)
    pairs = _pairs(optimizer, params)
    data = {
        'format': FORMAT,
        'torch_version': torch.__version__,
        'optimizer': name,
        'hyperparameters': groups[0],
        'parameters': [{'name': n, **_tensor(p, f'parameter {i}')} for i, (n, p) in enumerate(pairs)],
        # state_dict()['state'] is keyed by the parameter's index in that order.
        'state': [{k: _value(v, f'state {k} of parameter {i}') for k, v in state_dict['state'].get(i, {}).items()}
                  for i in range(len(pairs))],
    }
    with open(path, 'w') as f:
        json.dump(data, f, allow_nan=False)
    return data


def _from_json(v):
    if isinstance(v, dict):
        return torch.tensor(v['values'], dtype=getattr(torch, v['dtype']))
    return v


def import_torch_state(optimizer, params, path):
    """Loads such a file (exported here or by toTorchStateDict) into the optimizer and the parameters."""
    with open(path) as f:
        data = json.load(f)
    if data.get('format') != FORMAT or data.get('optimizer') not in [c.__name__ for c in type(optimizer).__mro__]:
        raise ValueError(f'{path} is not an {FORMAT} file of {type(optimizer).__name__}')
    pairs = _pairs(optimizer, params)
    if len(data['parameters']) != len(pairs):
        raise ValueError(f"{path} has {len(data['parameters'])} parameters, the optimizer {len(pairs)}")
    state_dict = optimizer.state_dict()
    for group in state_dict['param_groups']:
        for key, value in data['hyperparameters'].items():
            if key in group or key in SCHEDULER_KEYS:
                group[key] = tuple(value) if isinstance(value, list) else value
            elif value not in (False, None, 0):  # e.g. maximize=True into 1.13's NAdam, which has none
                raise ValueError(f'{key}={value}: {type(optimizer).__name__} of torch {torch.__version__} has no such option')
    state_dict['state'] = {i: {k: _from_json(v) for k, v in s.items()} for i, s in enumerate(data['state']) if s}
    optimizer.load_state_dict(state_dict)  # casts the state to each parameter's dtype, as torch does
    with torch.no_grad():
        for (_, p), saved in zip(pairs, data['parameters']):
            p.copy_(torch.tensor(saved['values'], dtype=p.dtype).reshape(p.shape))


if __name__ == '__main__':
    # A demo: Adam on Rosenbrock, 50 steps, then the file a TF.js run resumes from.
    x = torch.tensor([-1.5, 2.0], requires_grad=True)
    adam = torch.optim.Adam([x], lr=0.05, amsgrad=True)
    for _ in range(50):
        adam.zero_grad()
        loss = 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2
        loss.backward()
        adam.step()
    path = sys.argv[1] if len(sys.argv) > 1 else 'torch-state.json'
    export_torch_state(adam, [x], path)
    print(f'{path}: Adam after 50 steps, x = {x.tolist()}')
