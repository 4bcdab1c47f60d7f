import { release } from "/work/main/rules/archive";
console.log(await release({ keepFingerprint: true }));
