export * from "./jurisdictions";
export * from "./organisations";
export * from "./users";
export * from "./audit";
