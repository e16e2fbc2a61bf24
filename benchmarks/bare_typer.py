"""The bare-Typer floor: an app with one command, as `typer` itself starts it."""

import typer

app = typer.Typer()


@app.command()
def main(name: str = "world") -> None:
    print(f"hello {name}")


if __name__ == "__main__":
    app()
