from digiteam.cli import main

main()
