"""Where Nuri's files live by default."""

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TRAINING_DATA = REPO / "training_data"
MODEL_DIR = REPO / "models"
