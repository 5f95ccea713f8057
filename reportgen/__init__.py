"""reportgen: 政府信息公开工作年度报告, from one TOML file to the official Word document."""

__version__ = "0.1.0"
