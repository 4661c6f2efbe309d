// Lint: typescript-eslint's recommended rules everywhere; Pulumi's Output rules, which need type
// information, on the code that handles Outputs (components, stacks, the preview engine).
import pulumi from "@pulumi/eslint-plugin";
import tseslint from "typescript-eslint";

export default tseslint.config(
    { ignores: ["node_modules/**", "build/**", "policy-packs/*/bin/**", "components/bin/**", "policy-packs/*/node_modules/**", "test/preview/sample-pack/**", "bench/.floors/**", "bench/.cache/**", "bench/.stacks/**", "**/*.mjs"] },
    ...tseslint.configs.recommended,
    {
        rules: {
            "@typescript-eslint/no-explicit-any": "off",
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
        },
    },
    {
        files: ["components/**/*.ts", "stacks/**/*.ts", "preview/**/*.ts"],
        plugins: { "@pulumi": pulumi },
        languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
        rules: {
            "@pulumi/no-output-in-template-literal": "error",
            "@pulumi/no-output-instance-in-template-literal": "error",
        },
    },
);
