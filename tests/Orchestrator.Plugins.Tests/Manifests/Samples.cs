namespace Orchestrator.Plugins.Tests.Manifests;

/// <summary>Valid manifests used as the base of many tests.</summary>
internal static class Samples
{
    public const string MinimalYaml = """
        name: demo
        version: 1.0.0
        type: builtin
        domains: [code]
        phases:
          - name: plan
            order: 1
        """;

    public const string FullYaml = """
        name: story-writer
        version: 2.1.0-beta.1+build.5
        description: Writes short stories
        author: Ada
        license: MIT
        homepage: https://example.com
        repository: https://example.com/repo
        tags: [writing, ai]
        created: 2025-01-31
        updated: 2025-02-01T09:30:00Z
        type: external
        binary: true
        entry_point: bin/run.sh
        language: bash
        min_version: 0.1.0
        max_version: 2.0.0
        dependencies:
          - ai-client@^1.2
          - text-utils
        domains: [fiction, docs]
        phases:
          - name: draft
            description: Write the draft
            order: 2
            parallel: true
            timeout: 10m
            estimated_time: PT5M
            retryable: true
            max_retries: 3
            retry_interval: 500ms
            input_schema:
              type: object
              properties:
                topic: { type: string }
            config_overrides:
              temperature: 0.9
          - name: outline
            order: 1
            required: false
            approval: true
          - name: review
            order: 2
            parallel: true
            output_schema: { type: object }
        prompts:
          draft: prompts/draft.md
          outline: prompts/outline.md
        output_spec:
          primary_output: story.md
          secondary_outputs: [outline.md]
          file_patterns: { chapters: "chapters/*.md" }
          descriptions: { story.md: The story }
        resource_spec:
          min_memory: 512MB
          max_memory: 2GiB
          cpu_shares: 512
          network_required: true
          storage_required: false
          api_keys: [OPENAI_API_KEY]
          environment_vars: [HOME]
          permissions: [network]
          rate_limits: { requests_per_minute: 60 }
        config_schema:
          type: object
          properties:
            model: { type: string }
            temperature: { type: number, maximum: 2 }
          required: [model]
        default_config:
          model: gpt
          temperature: 0.7
        required_config: [model]
        """;

    public const string FullJson = """
        {
          "name": "story-writer",
          "version": "2.1.0-beta.1+build.5",
          "description": "Writes short stories",
          "author": "Ada",
          "license": "MIT",
          "homepage": "https://example.com",
          "repository": "https://example.com/repo",
          "tags": ["writing", "ai"],
          "created": "2025-01-31",
          "updated": "2025-02-01T09:30:00Z",
          "type": "external",
          "binary": true,
          "entry_point": "bin/run.sh",
          "language": "bash",
          "min_version": "0.1.0",
          "max_version": "2.0.0",
          "dependencies": ["ai-client@^1.2", "text-utils"],
          "domains": ["fiction", "docs"],
          "phases": [
            {
              "name": "draft",
              "description": "Write the draft",
              "order": 2,
              "parallel": true,
              "timeout": "10m",
              "estimated_time": "PT5M",
              "retryable": true,
              "max_retries": 3,
              "retry_interval": "500ms",
              "input_schema": { "type": "object", "properties": { "topic": { "type": "string" } } },
              "config_overrides": { "temperature": 0.9 }
            },
            { "name": "outline", "order": 1, "required": false, "approval": true },
            { "name": "review", "order": 2, "parallel": true, "output_schema": { "type": "object" } }
          ],
          "prompts": { "draft": "prompts/draft.md", "outline": "prompts/outline.md" },
          "output_spec": {
            "primary_output": "story.md",
            "secondary_outputs": ["outline.md"],
            "file_patterns": { "chapters": "chapters/*.md" },
            "descriptions": { "story.md": "The story" }
          },
          "resource_spec": {
            "min_memory": "512MB",
            "max_memory": "2GiB",
            "cpu_shares": 512,
            "network_required": true,
            "storage_required": false,
            "api_keys": ["OPENAI_API_KEY"],
            "environment_vars": ["HOME"],
            "permissions": ["network"],
            "rate_limits": { "requests_per_minute": 60 }
          },
          "config_schema": {
            "type": "object",
            "properties": { "model": { "type": "string" }, "temperature": { "type": "number", "maximum": 2 } },
            "required": ["model"]
          },
          "default_config": { "model": "gpt", "temperature": 0.7 },
          "required_config": ["model"]
        }
        """;

    /// <summary>Creates the files <see cref="FullYaml"/> and <see cref="FullJson"/> refer to.</summary>
    public static void AddFullPluginFiles(TempPlugin plugin)
    {
        plugin.WriteExecutable("bin/run.sh", "#!/bin/sh\n");
        plugin.Write("prompts/draft.md", "Draft.");
        plugin.Write("prompts/outline.md", "Outline.");
    }
}
