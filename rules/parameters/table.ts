// The built-in parameter table, validated when this module loads: a value without a reference or an
// overlap of date ranges stops the program here rather than producing a quietly wrong decision.

import { loadParameterTable, type ParameterTable } from "../engine/parameters";
import { PARAMETER_DEFINITIONS } from "./definitions";
import { NATIONAL_PARAMETERS } from "./national";
import { BENGBU_PARAMETERS } from "./bengbu";
import { ALAR_PARAMETERS } from "./alar";

export const BUILT_IN_PARAMETERS: ParameterTable = loadParameterTable(PARAMETER_DEFINITIONS, [
  ...NATIONAL_PARAMETERS,
  ...BENGBU_PARAMETERS,
  ...ALAR_PARAMETERS,
]);
