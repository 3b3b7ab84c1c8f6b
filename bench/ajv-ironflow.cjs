// For the benchmark's ajv-cli run (`ajv validate -c ajv-formats -c ./bench/ajv-ironflow.cjs`):
// the bundled schema's own keywords and its uint64, uint32 and assignee formats, as the README tells Ajv users to
// register them. The x- keywords only annotate here; ajv-formats brings uuid and date-time.
module.exports = function addIronflowVocabulary(ajv) {
  ajv.addKeyword("x-order");
  ajv.addKeyword("x-engine-json");
  ajv.addFormat("uint64", { type: "number", validate: Number.isInteger });
  ajv.addFormat("uint32", { type: "number", validate: Number.isInteger });
  ajv.addFormat("assignee", /^(?:user|group):[\s\S]/);
  return ajv;
};
