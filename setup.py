"""The packages of the distribution; everything else about it is in pyproject.toml.

``resources/`` stays where it is in the checkout (features add files under it) and ships as
the package ``selfdata_resources``: a name of ours, so an installed wheel puts no folder
called "resources" into site-packages. ``wallet/resources.py`` finds it with
importlib.resources, in a checkout, an editable install, a wheel and the PyInstaller build.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["wallet*", "importers*", "ui*"]), "selfdata_resources"],
    package_dir={"selfdata_resources": "resources"},
)
