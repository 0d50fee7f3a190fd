package org.r2led.model;

import java.util.ArrayList;
import java.util.List;

/** The models shipped with the library (each spec is declared next to its model). */
final class BuiltinModels {
  private BuiltinModels() {}

  static List<ModelSpec> specs() {
    List<ModelSpec> l = new ArrayList<>(List.of(DinModel.DIN, DinModel.DIN_FULL, SimHardModel.SPEC, SimSoftModel.SPEC, EtaModel.SPEC,
        SdimModel.SPEC, TwinModel.SPEC, MirrnModel.SPEC, LrShortcutsModel.SPEC, R2ledModel.SPEC));
    l.addAll(R2ledModel.ablations());
    return l;
  }
}
