# Build the Windows bundle and installer on a Windows build PC.
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build_installer.ps1
# Needs: Python 3.11+ on PATH as `py`, Inno Setup 6 (iscc.exe on PATH or in its default
# folder).  Creates .venv-win, installs the project and PyInstaller, builds
# dist\station-app\ and dist\station-app-<version>-setup.exe.
$ErrorActionPreference = "Stop"
$Root = Resolve-Path "$PSScriptRoot\..\.."
Set-Location $Root

$Venv = Join-Path $Root ".venv-win"
if (-not (Test-Path "$Venv\Scripts\python.exe")) { py -3 -m venv $Venv }
$Py = "$Venv\Scripts\python.exe"
& $Py -m pip install -q --upgrade pip
& $Py -m pip install -q -e . pyinstaller
if ($LASTEXITCODE -ne 0) { throw "pip install failed" }

# The version lives in pyproject.toml only.
$Version = & $Py -c "import tomllib; print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])"

$env:QT_QPA_PLATFORM = "offscreen"
& $Py -m station_app.ui.build_translations
& $Py packaging\make_icons.py
& $Py -m PyInstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller packaging\station_app.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }
& "dist\station-app\station-app-cli.exe" --version

$Iscc = (Get-Command iscc.exe -ErrorAction SilentlyContinue).Source
if (-not $Iscc) { $Iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
& $Iscc "/DAppVersion=$Version" packaging\windows\station-app.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
Write-Host "dist\station-app-$Version-setup.exe"
