// Electron cannot be loaded in plain Node here (its binary is fetched on first load), so tests
// alias `electron` to this module. Code under test receives fakes by injection; reaching this
// stub means some module imported electron directly where it should not.
export default new Proxy(
  {},
  {
    get(_target, property) {
      throw new Error(`electron.${String(property)} used in a plain-Node test: inject a fake instead`);
    },
  },
);
