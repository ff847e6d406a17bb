import { BUILT_IN_INDEX_SETS, scoreComponents } from "@cds/criteria-schema";
const all = scoreComponents(BUILT_IN_INDEX_SETS["mau-dti-xa"]!.scoring!.groups);
console.log(all.filter(p=>p.component.derivedFrom).length, all.filter(p=>p.component.mayNotApply).map(p=>p.component.code).join(","));
