/// Report stage: report model from findings + metadata, rendered through Mustache templates.
