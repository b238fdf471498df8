/**
 * Optimizer state across PyTorch and this library: scripts/export_torch_state.py writes a
 * torch.optim optimizer's state_dict() and its parameters to JSON; `fromTorchStateDict` loads it
 * into a library optimizer, `toTorchStateDict` writes one back (import_torch_state loads it into
 * torch), `torchOptionsFromStateDict` reads the file's class and options as the library's.
 */
export { fromTorchStateDict, toTorchStateDict, type FromTorchStateOptions } from './stateDict/tfjs';
export { torchOptionsFromStateDict, type LibraryOptions, type ParameterValues } from './stateDict/mapping';
export {
  TORCH_STATE_FORMAT,
  torchParametersFromStateDict,
  type FloatDtype,
  type HyperparameterJson,
  type NestedNumbers,
  type TorchParameter,
  type TorchParameterJson,
  type TorchStateDict,
  type TorchStateEntryJson,
  type TorchTensorJson,
} from './stateDict/format';
