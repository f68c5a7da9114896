using Orchestrator.Documents.Parsing;

namespace Orchestrator.Plugins.Tests.Manifests;

/// <summary>Malformed and hostile manifests, each with the field path and line of the error it must produce.</summary>
internal static class Corpus
{
    public static readonly IReadOnlyDictionary<string, CorpusCase> Cases = new Dictionary<string, CorpusCase>
    {
        ["yaml-order-string"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: "abc"
            """,
            "phases[0].order",
            7,
            "expected a whole number"),
        ["yaml-phases-scalar"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases: 5
            """,
            "phases",
            5,
            "expected a list"),
        ["yaml-missing-name"] = new(
            DocumentFormat.Yaml,
            """
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
            """,
            "name",
            1,
            "required"),
        ["yaml-missing-version"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
            """,
            "version",
            1,
            "required"),
        ["yaml-version-float"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
            """,
            "version",
            2,
            "SemVer"),
        ["yaml-version-partial"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: "1.2"
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
            """,
            "version",
            2,
            "SemVer"),
        ["yaml-version-leading-zero"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 01.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
            """,
            "version",
            2,
            "SemVer"),
        ["yaml-name-uppercase"] = new(
            DocumentFormat.Yaml,
            """
            name: Demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
            """,
            "name",
            1,
            "not a valid plugin name"),
        ["yaml-name-too-long"] = new(
            DocumentFormat.Yaml,
            """
            name: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
            """,
            "name",
            1,
            "not a valid plugin name"),
        ["yaml-type-unknown"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: plugin
            domains: [code]
            phases:
              - name: plan
                order: 1
            """,
            "type",
            3,
            "builtin or external"),
        ["yaml-type-missing"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            domains: [code]
            phases:
              - name: plan
                order: 1
            """,
            "type",
            1,
            "required"),
        ["yaml-domains-empty"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: []
            phases:
              - name: plan
                order: 1
            """,
            "domains",
            4,
            "at least one domain"),
        ["yaml-domains-missing"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            phases:
              - name: plan
                order: 1
            """,
            "domains",
            1,
            "required"),
        ["yaml-domain-invalid"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code, Fiction]
            phases:
              - name: plan
                order: 1
            """,
            "domains[1]",
            4,
            "not a valid domain"),
        ["yaml-phases-empty"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases: []
            """,
            "phases",
            5,
            "at least one phase"),
        ["yaml-phases-missing"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            """,
            "phases",
            1,
            "required"),
        ["yaml-phase-not-mapping"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - plan
            """,
            "phases[0]",
            6,
            "expected a mapping"),
        ["yaml-phase-name-invalid"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: Plan
                order: 1
            """,
            "phases[0].name",
            6,
            "not a valid phase name"),
        ["yaml-phase-name-missing"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - order: 1
            """,
            "phases[0].name",
            6,
            "required"),
        ["yaml-phase-duplicate"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
              - name: plan
                order: 2
            """,
            "phases[1].name",
            8,
            "already used by phases[0]"),
        ["yaml-equal-order-no-parallel"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
              - name: write
                order: 1
                parallel: true
            """,
            "phases[0].order",
            7,
            "parallel: true"),
        ["yaml-order-zero"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 0
            """,
            "phases[0].order",
            7,
            "1 or more"),
        ["yaml-order-missing"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                parallel: false
            """,
            "phases[0].order",
            6,
            "required"),
        ["yaml-max-retries-negative"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
                retryable: true
                max_retries: -1
            """,
            "phases[0].max_retries",
            9,
            "between 0 and 1000"),
        ["yaml-max-retries-not-retryable"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
                max_retries: 3
            """,
            "phases[0].max_retries",
            8,
            "retryable is false"),
        ["yaml-timeout-words"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
                timeout: 10 minutes
            """,
            "phases[0].timeout",
            8,
            "expected a duration"),
        ["yaml-timeout-bare-number"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
                timeout: 30
            """,
            "phases[0].timeout",
            8,
            "expected a duration"),
        ["yaml-timeout-zero"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
                timeout: 0s
            """,
            "phases[0].timeout",
            8,
            "longer than zero"),
        ["yaml-retry-interval-months"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
                retry_interval: P1M
            """,
            "phases[0].retry_interval",
            8,
            "expected a duration"),
        ["yaml-estimated-time-negative"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
                estimated_time: -5m
            """,
            "phases[0].estimated_time",
            8,
            "expected a duration"),
        ["yaml-retryable-string"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
                retryable: yes
            """,
            "phases[0].retryable",
            8,
            "expected a boolean"),
        ["yaml-size-words"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
            resource_spec:
              min_memory: 2 gigs
            """,
            "resource_spec.min_memory",
            9,
            "expected a size"),
        ["yaml-min-memory-over-max"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
            resource_spec:
              min_memory: 2GB
              max_memory: 1GB
            """,
            "resource_spec.min_memory",
            9,
            "larger than max_memory"),
        ["yaml-cpu-shares-zero"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
            resource_spec:
              cpu_shares: 0
            """,
            "resource_spec.cpu_shares",
            9,
            "positive"),
        ["yaml-api-key-invalid"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
            resource_spec:
              api_keys: [1KEY]
            """,
            "resource_spec.api_keys[0]",
            9,
            "environment variable"),
        ["yaml-min-over-max-version"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
            min_version: 2.0.0
            max_version: 1.0.0
            """,
            "min_version",
            8,
            "greater than max_version"),
        ["yaml-min-version-bad"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
            min_version: latest
            """,
            "min_version",
            8,
            "SemVer"),
        ["yaml-dependency-bad-range"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
            dependencies:
              - ai-client@^^1
            """,
            "dependencies[0]",
            9,
            "not a valid version range"),
        ["yaml-dependency-bad-name"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
            dependencies:
              - text-utils
              - AI@1.0.0
            """,
            "dependencies[1]",
            10,
            "not a valid plugin name"),
        ["yaml-dependency-empty-range"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
            dependencies: [ai-client@]
            """,
            "dependencies[0]",
            8,
            "not a valid version range"),
        ["yaml-dependency-not-string"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
            dependencies:
              - name: ai-client
            """,
            "dependencies[0]",
            9,
            "expected a string"),
        ["yaml-prompts-unknown-phase"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
            prompts:
              write: prompts/write.md
            """,
            "prompts.write",
            9,
            "not a phase of this plugin"),
        ["yaml-prompts-absolute"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
            prompts:
              plan: /etc/passwd
            """,
            "prompts.plan",
            9,
            "absolute"),
        ["yaml-prompts-traversal"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
            prompts:
              plan: prompts/../../secret.md
            """,
            "prompts.plan",
            9,
            "'..'"),
        ["yaml-prompts-missing-file"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
            prompts:
              plan: prompts/plan.md
            """,
            "prompts.plan",
            9,
            "does not exist"),
        ["yaml-entry-point-missing"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: external
            domains: [code]
            phases:
              - name: plan
                order: 1
            """,
            "entry_point",
            1,
            "required for external"),
        ["yaml-entry-point-traversal"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: external
            domains: [code]
            phases:
              - name: plan
                order: 1
            entry_point: ../../bin/sh
            """,
            "entry_point",
            8,
            "'..'"),
        ["yaml-entry-point-absolute"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: external
            domains: [code]
            phases:
              - name: plan
                order: 1
            entry_point: /bin/sh
            binary: true
            """,
            "entry_point",
            8,
            "absolute"),
        ["yaml-created-not-timestamp"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
            created: yesterday
            """,
            "created",
            8,
            "ISO 8601"),
        ["yaml-config-schema-bad-type"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
            config_schema:
              type: strng
            """,
            "config_schema",
            9,
            "not a valid JSON Schema"),
        ["yaml-config-schema-not-map"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
            config_schema: [a, b]
            """,
            "config_schema",
            8,
            "expected a mapping"),
        ["yaml-default-config-violates"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
            config_schema:
              type: object
              properties:
                model: { type: string }
            default_config:
              model: 5
            """,
            "default_config",
            13,
            "does not satisfy config_schema"),
        ["yaml-input-schema-bad"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
                input_schema:
                  minimum: high
            """,
            "phases[0].input_schema",
            9,
            "not a valid JSON Schema"),
        ["yaml-config-overrides-list"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
                config_overrides: [a]
            """,
            "phases[0].config_overrides",
            8,
            "expected a mapping"),
        ["yaml-default-config-infinity"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
            default_config:
              limit: .inf
            """,
            "default_config.limit",
            9,
            "cannot be represented in JSON"),
        ["yaml-tags-scalar"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
            tags: writing
            """,
            "tags",
            8,
            "expected a list"),
        ["yaml-binary-yes"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
            binary: yes
            """,
            "binary",
            8,
            "expected a boolean"),
        ["yaml-required-config-scalar"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
            required_config: model
            """,
            "required_config",
            8,
            "expected a list"),
        ["yaml-output-spec-list"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
            output_spec: [a]
            """,
            "output_spec",
            8,
            "expected a mapping"),
        ["yaml-rate-limits-nested"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
            resource_spec:
              rate_limits:
                rpm: { a: 1 }
            """,
            "resource_spec.rate_limits.rpm",
            10,
            "expected a string or number"),
        ["yaml-duplicate-key"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            name: other
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
            """,
            "name",
            2,
            "duplicate key"),
        ["yaml-duplicate-phase-key"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
                order: 2
            """,
            "phases[0].order",
            8,
            "duplicate key"),
        ["yaml-alias-bomb"] = new(
            DocumentFormat.Yaml,
            """
            a: &a ["x","x","x","x","x","x","x","x","x","x"]
            b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]
            c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]
            d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]
            e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]
            f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]
            """,
            "f[0]",
            6,
            "alias bomb"),
        ["yaml-undefined-alias"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
            description: *nothing
            """,
            "description",
            8,
            "no complete anchor"),
        ["yaml-two-documents"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
            ---
            name: other
            """,
            "",
            8,
            "more than one YAML document"),
        ["yaml-malformed-quote"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
            description: "unterminated
            license: MIT
            """,
            "",
            8,
            "invalid YAML"),
        ["yaml-malformed-indent"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
               bad: indent
            """,
            "",
            8,
            "invalid YAML"),
        ["yaml-root-list"] = new(
            DocumentFormat.Yaml,
            """
            - name: demo
            - version: 1.0.0
            """,
            "",
            1,
            "must be a mapping"),
        ["yaml-root-scalar"] = new(
            DocumentFormat.Yaml,
            """
            just text
            """,
            "",
            1,
            "must be a mapping"),
        ["yaml-empty"] = new(
            DocumentFormat.Yaml,
            """
               


            """,
            "",
            1,
            "empty"),
        ["yaml-complex-key"] = new(
            DocumentFormat.Yaml,
            """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: 1
            ? [a, b]
            : value
            """,
            "",
            8,
            "mapping keys must be plain strings"),
        ["json-order-string"] = new(
            DocumentFormat.Json,
            """
            {
              "name": "demo",
              "version": "1.0.0",
              "type": "builtin",
              "domains": ["code"],
              "phases": [{ "name": "plan", "order": "abc" }]
            }
            """,
            "phases[0].order",
            6,
            "expected a whole number"),
        ["json-order-float"] = new(
            DocumentFormat.Json,
            """
            {
              "name": "demo",
              "version": "1.0.0",
              "type": "builtin",
              "domains": ["code"],
              "phases": [{ "name": "plan", "order": 1.5 }]
            }
            """,
            "phases[0].order",
            6,
            "expected a whole number"),
        ["json-phases-number"] = new(
            DocumentFormat.Json,
            """
            {
              "name": "demo",
              "version": "1.0.0",
              "type": "builtin",
              "domains": ["code"],
              "phases": 5
            }
            """,
            "phases",
            6,
            "expected a list"),
        ["json-missing-name"] = new(
            DocumentFormat.Json,
            """
            {
              "version": "1.0.0",
              "type": "builtin",
              "domains": ["code"],
              "phases": [{ "name": "plan", "order": 1 }]
            }
            """,
            "name",
            1,
            "required"),
        ["json-version-number"] = new(
            DocumentFormat.Json,
            """
            {
              "name": "demo",
              "version": 1,
              "type": "builtin",
              "domains": ["code"],
              "phases": [{ "name": "plan", "order": 1 }]
            }
            """,
            "version",
            3,
            "SemVer"),
        ["json-type-unknown"] = new(
            DocumentFormat.Json,
            """
            {
              "name": "demo",
              "version": "1.0.0",
              "type": "internal",
              "domains": ["code"],
              "phases": [{ "name": "plan", "order": 1 }]
            }
            """,
            "type",
            4,
            "builtin or external"),
        ["json-equal-order"] = new(
            DocumentFormat.Json,
            """
            {
              "name": "demo",
              "version": "1.0.0",
              "type": "builtin",
              "domains": ["code"],
              "phases": [
                { "name": "plan", "order": 1 },
                { "name": "write", "order": 1 }
              ]
            }
            """,
            "phases[1].order",
            8,
            "parallel: true"),
        ["json-duplicate-phase"] = new(
            DocumentFormat.Json,
            """
            {
              "name": "demo",
              "version": "1.0.0",
              "type": "builtin",
              "domains": ["code"],
              "phases": [
                { "name": "plan", "order": 1 },
                { "name": "plan", "order": 2 }
              ]
            }
            """,
            "phases[1].name",
            8,
            "already used"),
        ["json-bad-duration"] = new(
            DocumentFormat.Json,
            """
            {
              "name": "demo",
              "version": "1.0.0",
              "type": "builtin",
              "domains": ["code"],
              "phases": [{ "name": "plan", "order": 1, "timeout": "ten" }]
            }
            """,
            "phases[0].timeout",
            6,
            "expected a duration"),
        ["json-prompts-traversal"] = new(
            DocumentFormat.Json,
            """
            {
              "name": "demo",
              "version": "1.0.0",
              "type": "builtin",
              "domains": ["code"],
              "phases": [{ "name": "plan", "order": 1 }],
              "prompts": { "plan": "../x.md" }
            }
            """,
            "prompts.plan",
            7,
            "'..'"),
        ["json-duplicate-key"] = new(
            DocumentFormat.Json,
            """
            {
              "name": "demo",
              "name": "again",
              "version": "1.0.0",
              "type": "builtin",
              "domains": ["code"],
              "phases": [{ "name": "plan", "order": 1 }]
            }
            """,
            "name",
            3,
            "duplicate key"),
        ["json-trailing-comma"] = new(
            DocumentFormat.Json,
            """
            {
              "name": "demo",
              "version": "1.0.0",
              "type": "builtin",
              "domains": ["code",],
              "phases": [{ "name": "plan", "order": 1 }]
            }
            """,
            "domains[1]",
            5,
            "invalid JSON"),
        ["json-comment"] = new(
            DocumentFormat.Json,
            """
            // comment
            {
              "name": "demo",
              "version": "1.0.0",
              "type": "builtin",
              "domains": ["code"],
              "phases": [{ "name": "plan", "order": 1 }]
            }
            """,
            "",
            1,
            "invalid JSON"),
        ["json-unterminated"] = new(
            DocumentFormat.Json,
            """
            {
              "name": "demo",
              "version": "1.0.0",
              "type": "builtin",
              "domains": ["code"],
              "phases": [{ "name": "plan", "order": 1 }]
            """,
            "",
            6,
            "invalid JSON"),
        ["json-root-array"] = new(
            DocumentFormat.Json,
            """
            [
            {
              "name": "demo",
              "version": "1.0.0",
              "type": "builtin",
              "domains": ["code"],
              "phases": [{ "name": "plan", "order": 1 }]
            }
            ]
            """,
            "",
            1,
            "must be a mapping"),
        ["json-bad-schema"] = new(
            DocumentFormat.Json,
            """
            {
              "name": "demo",
              "version": "1.0.0",
              "type": "builtin",
              "domains": ["code"],
              "phases": [{ "name": "plan", "order": 1 }],
              "config_schema": { "type": 5 }
            }
            """,
            "config_schema",
            7,
            "not a valid JSON Schema"),
        ["json-size-negative"] = new(
            DocumentFormat.Json,
            """
            {
              "name": "demo",
              "version": "1.0.0",
              "type": "builtin",
              "domains": ["code"],
              "phases": [{ "name": "plan", "order": 1 }],
              "resource_spec": { "max_memory": "-1GB" }
            }
            """,
            "resource_spec.max_memory",
            7,
            "expected a size"),
        ["json-binary-string"] = new(
            DocumentFormat.Json,
            """
            {
              "name": "demo",
              "version": "1.0.0",
              "type": "builtin",
              "domains": ["code"],
              "phases": [{ "name": "plan", "order": 1 }],
              "binary": "true"
            }
            """,
            "binary",
            7,
            "expected a boolean"),
    };
}
