// src/standard/spec.ts is a copy of @standard-schema/spec's types (the package ships no
// dependency): checked here to be the same types as the spec package's, so the copy cannot
// drift when the devDependency is updated.
import type * as Spec from "@standard-schema/spec";
import { expectTypeOf, test } from "vitest";
import type * as Ours from "../../src/standard/spec.js";

test("the copied Standard Schema types are the spec package's", () => {
  expectTypeOf<Ours.StandardTypedV1<string, number>>().toEqualTypeOf<Spec.StandardTypedV1<string, number>>();
  expectTypeOf<Ours.StandardSchemaV1<string, number>>().toEqualTypeOf<Spec.StandardSchemaV1<string, number>>();
  expectTypeOf<Ours.StandardSchemaV1.Props<string, number>>().toEqualTypeOf<
    Spec.StandardSchemaV1.Props<string, number>
  >();
  expectTypeOf<Ours.StandardSchemaV1.Result<number>>().toEqualTypeOf<Spec.StandardSchemaV1.Result<number>>();
  expectTypeOf<Ours.StandardSchemaV1.Issue>().toEqualTypeOf<Spec.StandardSchemaV1.Issue>();
  expectTypeOf<Ours.StandardSchemaV1.Options>().toEqualTypeOf<Spec.StandardSchemaV1.Options>();
  expectTypeOf<Ours.StandardJSONSchemaV1<string, number>>().toEqualTypeOf<Spec.StandardJSONSchemaV1<string, number>>();
  expectTypeOf<Ours.StandardJSONSchemaV1.Converter>().toEqualTypeOf<Spec.StandardJSONSchemaV1.Converter>();
  expectTypeOf<Ours.StandardJSONSchemaV1.Options>().toEqualTypeOf<Spec.StandardJSONSchemaV1.Options>();
  expectTypeOf<Ours.StandardJSONSchemaV1.Target>().toEqualTypeOf<Spec.StandardJSONSchemaV1.Target>();
});
