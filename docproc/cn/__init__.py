"""Chinese-specific knowledge shared by reading, extractors and validators: 大写 amounts, organisation and
bank names, label vocabularies (data files beside this module)."""
