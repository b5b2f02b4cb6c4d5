export { applyRule, applyRules, compileRule, expandReplacement, type CompileResult, type CompiledRule, type RewriteRuleSpec } from "./apply-rules";
