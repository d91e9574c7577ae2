from setuptools import Extension, setup

setup(
    name="lintdemo",
    version="1.0",
    packages=["lintdemo"],
    ext_modules=[Extension("lintdemo._speedups", ["speedups.c"])],
)
